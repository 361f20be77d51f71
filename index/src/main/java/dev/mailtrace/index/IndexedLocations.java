package dev.mailtrace.index;

import dev.mailtrace.message.Source;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;

/**
 * What the index held when a run began, looked up by location ({@code file#offset}) for the
 * run's reading thread: whether a message is indexed already, and whether a message file is
 * unchanged since its document was made.
 *
 * <p>Not thread-safe: each segment's term enumerations are made once and reused for every lookup.
 * A new enumeration per lookup cost more than the lookup itself: over half of the time of indexing
 * an unchanged 200,000-file Maildir again.
 */
final class IndexedLocations {
  private final List<LeafReaderContext> leaves;
  private final TermsEnum[] locations;
  private final TermsEnum[] hashes;
  private final boolean recordsStamps;
  private PostingsEnum docs;
  private PostingsEnum same;

  IndexedLocations(DirectoryReader reader) {
    this.leaves = reader.leaves();
    this.locations = new TermsEnum[leaves.size()];
    this.hashes = new TermsEnum[leaves.size()];
    this.recordsStamps = FieldInfos.getMergedFieldInfos(reader).fieldInfo(MessageFields.FILE_STAMP) != null;
  }

  /**
   * Whether the index has file stamps at all: Lucene updates only doc values fields it knows, and
   * an index made before stamps existed has none (its files are read on every run until it is made
   * again).
   */
  boolean recordsStamps() {
    return recordsStamps;
  }

  /** True when a live document holds these bytes at this place (the same location and SHA-256). */
  boolean holds(Source s) throws IOException {
    BytesRef location = new BytesRef(MessageDocument.location(s.file(), s.offset()));
    BytesRef sha256 = new BytesRef(s.sha256());
    for (int i = 0; i < leaves.size(); i++) {
      PostingsEnum at = docsAt(i, location);
      TermsEnum hash = at == null ? null : seek(hashes, i, MessageFields.SHA256, sha256);
      if (hash == null) {
        continue;
      }
      same = hash.postings(same, PostingsEnum.NONE);
      var live = leaves.get(i).reader().getLiveDocs();
      // Both lists are short: one document per location, a few per hash.
      int doc = at.nextDoc();
      int other = same.nextDoc();
      while (doc != DocIdSetIterator.NO_MORE_DOCS && other != DocIdSetIterator.NO_MORE_DOCS) {
        if (doc < other) {
          doc = at.advance(other);
        } else if (other < doc) {
          other = same.advance(doc);
        } else {
          if (live == null || live.get(doc)) {
            return true;
          }
          doc = at.nextDoc();
        }
      }
    }
    return false;
  }

  /**
   * True when the live document at the start of {@code file} carries {@code stamp} (see {@link
   * FileStamp}) and covers the file to its end ({@code size} bytes): the file is one message,
   * indexed as it is now.
   */
  boolean unchanged(String file, long size, long stamp) throws IOException {
    BytesRef location = new BytesRef(MessageDocument.location(file, 0));
    for (int i = 0; i < leaves.size(); i++) {
      PostingsEnum at = docsAt(i, location);
      if (at == null) {
        continue;
      }
      LeafReader leaf = leaves.get(i).reader();
      var live = leaf.getLiveDocs();
      for (int doc = at.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = at.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        NumericDocValues stamps = leaf.getNumericDocValues(MessageFields.FILE_STAMP);
        NumericDocValues sizes = leaf.getNumericDocValues(MessageFields.SIZE);
        return stamps != null && stamps.advanceExact(doc) && stamps.longValue() == stamp
            && sizes != null && sizes.advanceExact(doc) && sizes.longValue() == size;
      }
    }
    return false;
  }

  /** Segment {@code i}'s documents at {@code location} (one enumeration, reused), or null when there are none. */
  private PostingsEnum docsAt(int i, BytesRef location) throws IOException {
    TermsEnum loc = seek(locations, i, MessageFields.LOCATION, location);
    if (loc == null) {
      return null;
    }
    docs = loc.postings(docs, PostingsEnum.NONE);
    return docs;
  }

  /** Segment {@code i}'s enumeration of {@code field} positioned on {@code term}, or null when it lacks the term. */
  private TermsEnum seek(TermsEnum[] cache, int i, String field, BytesRef term) throws IOException {
    TermsEnum te = cache[i];
    if (te == null) {
      Terms terms = leaves.get(i).reader().terms(field);
      if (terms == null) {
        return null;
      }
      te = terms.iterator();
      cache[i] = te;
    }
    return te.seekExact(term) ? te : null;
  }
}
