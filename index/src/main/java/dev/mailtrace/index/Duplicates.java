package dev.mailtrace.index;

import static dev.mailtrace.index.MessageFields.*;

import java.io.IOException;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * Marks duplicates over the whole index after a run: messages whose stored bytes occur elsewhere
 * too (same SHA-256) and messages sharing a Message-ID with different bytes. Both are kept and
 * flagged in the {@link MessageFields#DUPLICATE} doc values, never dropped.
 *
 * <p>Both are found from the terms of the {@link MessageFields#SHA256} and {@link
 * MessageFields#MESSAGE_ID} keywords: only a term held by two or more messages needs a look, so
 * neither field needs doc values (unique per message, they cost indexing time and space). The
 * flags wanted are two bits per document in two bit sets, and each shared term's documents are
 * walked twice rather than collected: memory stays at a bit or two per message however many share
 * a term (an archive of 4.9 million copies of one message ran out of a 256 MB heap with a map).
 */
final class Duplicates {
  private Duplicates() {}

  /** Recomputes the flags, updating only documents whose flag changed; returns flagged documents. */
  static long mark(IndexWriter writer) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      Bits live = MultiBits.getLiveDocs(reader);
      StoredFields stored = reader.storedFields();
      FixedBitSet sameBytes = new FixedBitSet(Math.max(1, reader.maxDoc()));
      FixedBitSet sameId = new FixedBitSet(Math.max(1, reader.maxDoc()));
      forEachShared(reader, SHA256, live, (postings, n) -> markAll(postings.walk(), live, sameBytes));
      forEachShared(reader, MESSAGE_ID, live, (postings, n) -> {
        if (differ(postings, live, stored)) {
          markAll(postings.walk(), live, sameId);
        }
      });
      long flagged = 0;
      for (LeafReaderContext ctx : reader.leaves()) {
        LeafReader leaf = ctx.reader();
        Bits leafLive = leaf.getLiveDocs();
        NumericDocValues flags = leaf.getNumericDocValues(DUPLICATE);
        for (int doc = 0; doc < leaf.maxDoc(); doc++) {
          if (leafLive != null && !leafLive.get(doc)) {
            continue;
          }
          int id = ctx.docBase + doc;
          long flag = (sameBytes.get(id) ? DUP_SHA256 : 0) | (sameId.get(id) ? DUP_MESSAGE_ID : 0);
          long current = flags != null && flags.advanceExact(doc) ? flags.longValue() : 0;
          if (flag != current) {
            var fields = stored.document(id, Set.of(FILE, OFFSET));
            String loc = MessageDocument.location(fields.get(FILE), fields.getField(OFFSET).numericValue().longValue());
            writer.updateNumericDocValue(new Term(LOCATION, loc), DUPLICATE, flag);
          }
          if (flag != 0) {
            flagged++;
          }
        }
      }
      return flagged;
    }
  }

  /** The postings of one term, each call a new walk over them. */
  private interface Postings {
    PostingsEnum walk() throws IOException;
  }

  private interface SharedTerm {
    void accept(Postings postings, int liveCount) throws IOException;
  }

  /**
   * Calls {@code action} for each term of {@code field} that two or more live documents hold. A
   * term's document frequency also counts deleted documents, so it only picks the terms worth
   * reading.
   */
  private static void forEachShared(IndexReader reader, String field, Bits live, SharedTerm action) throws IOException {
    Terms terms = MultiTerms.getTerms(reader, field);
    if (terms == null) {
      return;
    }
    TermsEnum te = terms.iterator();
    while (te.next() != null) {
      if (te.docFreq() < 2) {
        continue;
      }
      int n = 0;
      PostingsEnum p = te.postings(null, PostingsEnum.NONE);
      for (int d = p.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS && n < 2; d = p.nextDoc()) {
        if (live == null || live.get(d)) {
          n++;
        }
      }
      if (n < 2) {
        continue;
      }
      action.accept(() -> te.postings(null, PostingsEnum.NONE), n);
    }
  }

  private static void markAll(PostingsEnum p, Bits live, FixedBitSet into) throws IOException {
    for (int d = p.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = p.nextDoc()) {
      if (live == null || live.get(d)) {
        into.set(d);
      }
    }
  }

  /** Whether the live documents of a shared Message-ID hold more than one SHA-256 of stored bytes. */
  private static boolean differ(Postings postings, Bits live, StoredFields stored) throws IOException {
    PostingsEnum p = postings.walk();
    String first = null;
    for (int d = p.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = p.nextDoc()) {
      if (live != null && !live.get(d)) {
        continue;
      }
      String sha = stored.document(d, Set.of(SHA256)).get(SHA256);
      if (first == null) {
        first = sha;
      } else if (!first.equals(sha)) {
        return true;
      }
    }
    return false;
  }
}
