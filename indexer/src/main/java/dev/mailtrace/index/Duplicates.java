package dev.mailtrace.index;

import static dev.mailtrace.index.MessageFields.*;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Marks duplicates over the whole index after a run: messages whose stored bytes occur elsewhere
 * too (same SHA-256) and messages sharing a Message-ID with different bytes. Both are kept and
 * flagged in the {@link MessageFields#DUPLICATE} doc values, never dropped.
 */
final class Duplicates {
  private Duplicates() {}

  /** Recomputes the flags, updating only documents whose flag changed; returns flagged documents. */
  static long mark(IndexWriter writer) throws IOException {
    Map<String, Integer> shaCount = new HashMap<>();
    Map<String, String> firstShaOfId = new HashMap<>();
    Map<String, Boolean> idHasOtherBytes = new HashMap<>();
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      List<LeafReaderContext> leaves = reader.leaves();
      String[][] shaTerms = new String[leaves.size()][];
      String[][] idTerms = new String[leaves.size()][];
      for (int l = 0; l < leaves.size(); l++) {
        LeafReader leaf = leaves.get(l).reader();
        // Each segment's values are read once in order: looking them up per document would
        // decompress a block of the terms dictionary for every message.
        shaTerms[l] = terms(leaf.getSortedDocValues(SHA256));
        idTerms[l] = terms(leaf.getSortedDocValues(MESSAGE_ID));
        Bits live = leaf.getLiveDocs();
        SortedDocValues sha = leaf.getSortedDocValues(SHA256);
        SortedDocValues ids = leaf.getSortedDocValues(MESSAGE_ID);
        for (int doc = 0; doc < leaf.maxDoc(); doc++) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          String s = value(sha, shaTerms[l], doc);
          if (s == null) {
            continue;
          }
          shaCount.merge(s, 1, Integer::sum);
          String id = value(ids, idTerms[l], doc);
          if (id != null) {
            String first = firstShaOfId.putIfAbsent(id, s);
            if (first != null && !first.equals(s)) {
              idHasOtherBytes.put(id, Boolean.TRUE);
            }
          }
        }
      }
      long flagged = 0;
      for (int l = 0; l < leaves.size(); l++) {
        LeafReader leaf = leaves.get(l).reader();
        Bits live = leaf.getLiveDocs();
        SortedDocValues sha = leaf.getSortedDocValues(SHA256);
        SortedDocValues ids = leaf.getSortedDocValues(MESSAGE_ID);
        NumericDocValues flags = leaf.getNumericDocValues(DUPLICATE);
        StoredFields stored = leaf.storedFields();
        for (int doc = 0; doc < leaf.maxDoc(); doc++) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          String s = value(sha, shaTerms[l], doc);
          if (s == null) {
            continue;
          }
          long flag = 0;
          if (shaCount.getOrDefault(s, 0) > 1) {
            flag |= DUP_SHA256;
          }
          String id = value(ids, idTerms[l], doc);
          if (id != null && idHasOtherBytes.containsKey(id)) {
            flag |= DUP_MESSAGE_ID;
          }
          long current = flags != null && flags.advanceExact(doc) ? flags.longValue() : 0;
          if (flag != current) {
            var fields = stored.document(doc, java.util.Set.of(FILE, OFFSET));
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

  /** All values of a sorted field by ordinal, read in one sequential pass. */
  private static String[] terms(SortedDocValues dv) throws IOException {
    if (dv == null) {
      return new String[0];
    }
    String[] out = new String[dv.getValueCount()];
    TermsEnum te = dv.termsEnum();
    int ord = 0;
    for (BytesRef t = te.next(); t != null && ord < out.length; t = te.next()) {
      out[ord++] = t.utf8ToString();
    }
    return out;
  }

  private static String value(SortedDocValues dv, String[] terms, int doc) throws IOException {
    if (dv == null || !dv.advanceExact(doc)) {
      return null;
    }
    return terms[dv.ordValue()];
  }
}
