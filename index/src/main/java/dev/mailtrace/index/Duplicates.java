package dev.mailtrace.index;

import static dev.mailtrace.index.MessageFields.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

/**
 * Marks duplicates over the whole index after a run: messages whose stored bytes occur elsewhere
 * too (same SHA-256) and messages sharing a Message-ID with different bytes. Both are kept and
 * flagged in the {@link MessageFields#DUPLICATE} doc values, never dropped.
 *
 * <p>Both are found from the terms of the {@link MessageFields#SHA256} and {@link
 * MessageFields#MESSAGE_ID} keywords: only a term held by two or more messages needs a look, so
 * neither field needs doc values (unique per message, they cost indexing time and space).
 */
final class Duplicates {
  private Duplicates() {}

  /** Recomputes the flags, updating only documents whose flag changed; returns flagged documents. */
  static long mark(IndexWriter writer) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      Bits live = MultiBits.getLiveDocs(reader);
      StoredFields stored = reader.storedFields();
      Map<Integer, Long> wanted = new HashMap<>();
      for (int[] docs : shared(reader, SHA256, live)) {
        for (int doc : docs) {
          wanted.merge(doc, DUP_SHA256, (a, b) -> a | b);
        }
      }
      for (int[] docs : shared(reader, MESSAGE_ID, live)) {
        Set<String> bytes = new HashSet<>();
        for (int doc : docs) {
          bytes.add(stored.document(doc, Set.of(SHA256)).get(SHA256));
        }
        if (bytes.size() > 1) {
          for (int doc : docs) {
            wanted.merge(doc, DUP_MESSAGE_ID, (a, b) -> a | b);
          }
        }
      }
      long flagged = 0;
      for (LeafReaderContext ctx : reader.leaves()) {
        LeafReader leaf = ctx.reader();
        Bits leafLive = leaf.getLiveDocs();
        NumericDocValues flags = leaf.getNumericDocValues(DUPLICATE);
        for (int doc = 0; doc < leaf.maxDoc(); doc++) {
          if (leafLive != null && !leafLive.get(doc)) {
            continue;
          }
          long flag = wanted.getOrDefault(ctx.docBase + doc, 0L);
          long current = flags != null && flags.advanceExact(doc) ? flags.longValue() : 0;
          if (flag != current) {
            var fields = stored.document(ctx.docBase + doc, Set.of(FILE, OFFSET));
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

  /**
   * The live documents (index-wide ids) of each term of {@code field} that two or more live
   * documents hold. A term's document frequency also counts deleted documents, so it only picks
   * the terms worth reading.
   */
  private static List<int[]> shared(IndexReader reader, String field, Bits live) throws IOException {
    Terms terms = MultiTerms.getTerms(reader, field);
    if (terms == null) {
      return List.of();
    }
    List<int[]> out = new ArrayList<>();
    TermsEnum te = terms.iterator();
    PostingsEnum postings = null;
    int[] docs = new int[8];
    while (te.next() != null) {
      if (te.docFreq() < 2) {
        continue;
      }
      postings = te.postings(postings, PostingsEnum.NONE);
      int n = 0;
      for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
        if (live == null || live.get(d)) {
          if (n == docs.length) {
            docs = Arrays.copyOf(docs, n * 2);
          }
          docs[n++] = d;
        }
      }
      if (n > 1) {
        out.add(Arrays.copyOf(docs, n));
      }
    }
    return out;
  }
}
