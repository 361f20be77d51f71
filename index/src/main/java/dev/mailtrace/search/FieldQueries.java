package dev.mailtrace.search;

import static dev.mailtrace.index.MessageFields.*;

import dev.mailtrace.index.MailAnalyzer;
import dev.mailtrace.index.ThreadKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Maps one {@code field:value} of the query language to a Lucene query over the index schema.
 *
 * <p>Fields: addresses ({@code from to cc bcc sender reply-to delivered-to return-path rcpt}, each
 * also {@code <role>.domain}), {@code subject body attachment attachment.type attachment.size
 * attachment.sha256 date size sha256 msgid (id) inreplyto references thread file has is dup
 * hop.ip hop.host hop.helo hop.protocol hop.tls hop.delay hops delay anomaly report bounce.reason
 * auth.dkim auth.spf auth.dmarc dkim.domain dkim.result
 * bounce.status bounce.code bounce.type bounce.remote bounce.recipient bounce.mta bounce.diagnostic
 * problem problems attachments header.NAME header}.
 */
final class FieldQueries {
  private enum Kind {
    ADDRESS,
    DOMAIN,
    TEXT,
    KEYWORD,
    KEYWORD_CASED,
    ID,
    DATE,
    SIZE,
    DURATION,
    COUNT,
    SPECIAL
  }

  private record Spec(Kind kind, String field) {}

  private static final Map<String, Spec> FIELDS = new TreeMap<>();

  static {
    for (String role : ROLES) {
      FIELDS.put(role, new Spec(Kind.ADDRESS, role));
      FIELDS.put(role + ".domain", new Spec(Kind.DOMAIN, domain(role)));
    }
    FIELDS.put("rcpt", new Spec(Kind.ADDRESS, "rcpt"));
    FIELDS.put("rcpt.domain", new Spec(Kind.DOMAIN, RECIPIENT_DOMAIN));
    FIELDS.put("subject", new Spec(Kind.TEXT, SUBJECT));
    FIELDS.put("body", new Spec(Kind.TEXT, BODY));
    FIELDS.put("attachment", new Spec(Kind.SPECIAL, ATTACHMENT_NAME));
    FIELDS.put("attachment.type", new Spec(Kind.KEYWORD, ATTACHMENT_TYPE));
    FIELDS.put("mimetype", new Spec(Kind.KEYWORD, ATTACHMENT_TYPE));
    FIELDS.put("attachment.size", new Spec(Kind.SIZE, ATTACHMENT_SIZE));
    FIELDS.put("attachment.sha256", new Spec(Kind.KEYWORD, ATTACHMENT_SHA256));
    FIELDS.put("attachments", new Spec(Kind.COUNT, ATTACHMENTS));
    FIELDS.put("date", new Spec(Kind.DATE, DATE));
    FIELDS.put("size", new Spec(Kind.SIZE, SIZE));
    FIELDS.put("sha256", new Spec(Kind.KEYWORD, SHA256));
    FIELDS.put("msgid", new Spec(Kind.ID, MESSAGE_ID));
    FIELDS.put("id", new Spec(Kind.ID, MESSAGE_ID));
    FIELDS.put("inreplyto", new Spec(Kind.ID, IN_REPLY_TO));
    FIELDS.put("references", new Spec(Kind.ID, REFERENCES));
    FIELDS.put("thread", new Spec(Kind.SPECIAL, THREAD));
    FIELDS.put("file", new Spec(Kind.KEYWORD_CASED, FILE));
    FIELDS.put("has", new Spec(Kind.SPECIAL, HAS));
    FIELDS.put("is", new Spec(Kind.SPECIAL, HAS));
    FIELDS.put("dup", new Spec(Kind.SPECIAL, DUPLICATE));
    FIELDS.put("hop.ip", new Spec(Kind.KEYWORD, HOP_IP));
    FIELDS.put("hop.host", new Spec(Kind.KEYWORD, HOP_HOST));
    FIELDS.put("hop.helo", new Spec(Kind.KEYWORD, HOP_HELO));
    FIELDS.put("hop.protocol", new Spec(Kind.KEYWORD, HOP_PROTOCOL));
    FIELDS.put("hop.with", new Spec(Kind.KEYWORD, HOP_PROTOCOL));
    FIELDS.put("hop.tls", new Spec(Kind.KEYWORD, HOP_TLS));
    FIELDS.put("hop.delay", new Spec(Kind.DURATION, HOP_DELAY));
    FIELDS.put("hops", new Spec(Kind.COUNT, HOPS));
    FIELDS.put("delay", new Spec(Kind.DURATION, DELAY));
    FIELDS.put("anomaly", new Spec(Kind.TEXT, ANOMALY));
    FIELDS.put("report", new Spec(Kind.KEYWORD, REPORT_KIND));
    FIELDS.put("bounce.reason", new Spec(Kind.KEYWORD, BOUNCE_REASON));
    FIELDS.put("auth.dkim", new Spec(Kind.KEYWORD, AUTH_PREFIX + "dkim"));
    FIELDS.put("auth.spf", new Spec(Kind.KEYWORD, AUTH_PREFIX + "spf"));
    FIELDS.put("auth.dmarc", new Spec(Kind.KEYWORD, AUTH_PREFIX + "dmarc"));
    FIELDS.put("dkim.domain", new Spec(Kind.KEYWORD, DKIM_DOMAIN));
    FIELDS.put("dkim.result", new Spec(Kind.KEYWORD, DKIM_RESULT));
    FIELDS.put("bounce.status", new Spec(Kind.KEYWORD, BOUNCE_STATUS));
    FIELDS.put("bounce.code", new Spec(Kind.KEYWORD, BOUNCE_CODE));
    FIELDS.put("bounce.type", new Spec(Kind.KEYWORD, BOUNCE_TYPE));
    FIELDS.put("bounce.remote", new Spec(Kind.KEYWORD, BOUNCE_REMOTE));
    FIELDS.put("bounce.recipient", new Spec(Kind.KEYWORD, BOUNCE_RECIPIENT));
    FIELDS.put("bounce.mta", new Spec(Kind.KEYWORD, BOUNCE_MTA));
    FIELDS.put("bounce.diagnostic", new Spec(Kind.TEXT, BOUNCE_DIAGNOSTIC));
    FIELDS.put("problem", new Spec(Kind.TEXT, PROBLEM));
    FIELDS.put("problems", new Spec(Kind.COUNT, PROBLEMS));
    FIELDS.put("header", new Spec(Kind.KEYWORD, HEADER_NAMES));
  }

  private static final List<String> HAS_VALUES =
      List.of("attachment", "bounce", "problem", "hops", "anomaly", "reply", "duplicate");
  private static final List<String> IS_VALUES =
      List.of("duplicate", "bounce", "reply", "hard", "soft", "delay", "delivered", "feedback", "autoreply");

  private final Analyzer analyzer = new MailAnalyzer();
  private final DateRanges dates;

  FieldQueries(DateRanges dates) {
    this.dates = dates;
  }

  /** The canonical name of a field as written, or an error naming the known fields. */
  String checkField(String written, int column) {
    String name = written.toLowerCase(Locale.ROOT);
    if (name.startsWith(HEADER_PREFIX) && name.length() > HEADER_PREFIX.length()) {
      return name;
    }
    if (!FIELDS.containsKey(name)) {
      throw new BadQueryException(
          column, "unknown field '" + written + "'; known fields: " + String.join(", ", FIELDS.keySet()) + ", header.NAME");
    }
    return name;
  }

  /** A bare word or phrase: subject, body and the addresses and names of every role. */
  Query bare(String value, boolean phrase, int column) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(text(SUBJECT, value, phrase), BooleanClause.Occur.SHOULD);
    b.add(text(BODY, value, phrase), BooleanClause.Occur.SHOULD);
    for (String role : ROLES) {
      b.add(text(addressText(role), value, phrase), BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }

  /** One field query; {@code column} is the field's column, {@code valueColumn} the value's. */
  Query query(String written, String value, boolean phrase, int column, int valueColumn) {
    String name = checkField(written, column);
    if (value.isEmpty() && !phrase) {
      throw new BadQueryException(valueColumn, "expected a value after '" + written + ":'");
    }
    if (name.startsWith(HEADER_PREFIX)) {
      if (value.equals("*")) {
        return new TermQuery(new Term(HEADER_NAMES, name.substring(HEADER_PREFIX.length())));
      }
      return text(headerField(name.substring(HEADER_PREFIX.length())), value, phrase);
    }
    Spec spec = FIELDS.get(name);
    return switch (spec.kind) {
      case ADDRESS -> addressQuery(name, value, phrase);
      case DOMAIN -> keyword(spec.field, stripAt(value.toLowerCase(Locale.ROOT)));
      case TEXT -> text(spec.field, value, phrase);
      case KEYWORD -> keyword(spec.field, value.toLowerCase(Locale.ROOT));
      case KEYWORD_CASED -> keyword(spec.field, value);
      case ID -> keyword(spec.field, stripBrackets(value));
      case DATE -> range(spec.field, dates.range(value, valueColumn), false);
      case SIZE -> range(spec.field, Quantities.range(value, Quantities.Kind.SIZE, valueColumn), false);
      case DURATION -> range(spec.field, Quantities.range(value, Quantities.Kind.DURATION, valueColumn), false);
      case COUNT -> range(spec.field, Quantities.range(value, Quantities.Kind.COUNT, valueColumn), true);
      case SPECIAL -> special(name, value, phrase, valueColumn);
    };
  }

  private Query special(String name, String value, boolean phrase, int valueColumn) {
    String v = value.toLowerCase(Locale.ROOT);
    switch (name) {
      case "attachment" -> {
        if (phrase || !isWildcard(v)) {
          BooleanQuery.Builder b = new BooleanQuery.Builder();
          b.add(new TermQuery(new Term(ATTACHMENT_NAME, v)), BooleanClause.Occur.SHOULD);
          b.add(text(ATTACHMENT_TEXT, value, phrase), BooleanClause.Occur.SHOULD);
          return b.build();
        }
        return keyword(ATTACHMENT_NAME, v);
      }
      case "thread" -> {
        String t = stripBrackets(value);
        if (t.length() == 16 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
          return new TermQuery(new Term(THREAD, t.toLowerCase(Locale.ROOT)));
        }
        // Otherwise a Message-ID: the thread that message starts.
        return new TermQuery(new Term(THREAD, ThreadKey.ofMessageId(t)));
      }
      case "dup" -> {
        return switch (v) {
          case "sha256", "bytes", "raw" -> NumericDocValuesField.newSlowSetQuery(DUPLICATE, DUP_SHA256, DUP_SHA256 | DUP_MESSAGE_ID);
          case "msgid", "message-id", "id" -> NumericDocValuesField.newSlowSetQuery(DUPLICATE, DUP_MESSAGE_ID, DUP_SHA256 | DUP_MESSAGE_ID);
          case "any", "yes" -> anyDuplicate();
          default -> throw new BadQueryException(valueColumn, "unknown value '" + value + "' for dup:; use sha256, msgid or any");
        };
      }
      case "has" -> {
        if (v.equals("duplicate")) {
          return anyDuplicate();
        }
        if (!HAS_VALUES.contains(v)) {
          throw new BadQueryException(valueColumn, "unknown value '" + value + "' for has:; use " + String.join(", ", HAS_VALUES));
        }
        return new TermQuery(new Term(HAS, v));
      }
      case "is" -> {
        return switch (v) {
          case "duplicate" -> anyDuplicate();
          case "bounce" -> new TermQuery(new Term(HAS, "bounce"));
          case "reply" -> new TermQuery(new Term(HAS, "reply"));
          case "hard", "soft" -> new TermQuery(new Term(BOUNCE_TYPE, v));
          case "delay", "delivered", "feedback", "autoreply" -> new TermQuery(new Term(REPORT_KIND, v));
          default -> throw new BadQueryException(valueColumn, "unknown value '" + value + "' for is:; use " + String.join(", ", IS_VALUES));
        };
      }
      default -> throw new IllegalStateException("no special handling for " + name);
    }
  }

  private static Query anyDuplicate() {
    return NumericDocValuesField.newSlowRangeQuery(DUPLICATE, 1, Long.MAX_VALUE);
  }

  /** An address role: a full address, a domain, or words of the address and display name. */
  private Query addressQuery(String role, String value, boolean phrase) {
    List<String> roles = role.equals("rcpt") ? List.of("to", "cc", "bcc") : List.of(role);
    String v = value.toLowerCase(Locale.ROOT);
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String r : roles) {
      if (phrase) {
        b.add(text(addressText(r), value, true), BooleanClause.Occur.SHOULD);
      } else if (isWildcard(v)) {
        b.add(keyword(address(r), v), BooleanClause.Occur.SHOULD);
      } else if (v.startsWith("@")) {
        b.add(new TermQuery(new Term(domain(r), v.substring(1))), BooleanClause.Occur.SHOULD);
      } else if (v.indexOf('@') > 0) {
        b.add(new TermQuery(new Term(address(r), stripBrackets(v))), BooleanClause.Occur.SHOULD);
      } else {
        b.add(new TermQuery(new Term(domain(r), v)), BooleanClause.Occur.SHOULD);
        b.add(text(addressText(r), value, false), BooleanClause.Occur.SHOULD);
      }
    }
    BooleanQuery q = b.build();
    return q.clauses().size() == 1 ? q.clauses().get(0).query() : q;
  }

  /** A keyword field: exact, or wildcard and prefix when the value has * or ?; sha256 prefixes too. */
  private static Query keyword(String field, String value) {
    if (isWildcard(value)) {
      int star = value.indexOf('*');
      if (star == value.length() - 1 && value.indexOf('?') < 0) {
        return new PrefixQuery(new Term(field, value.substring(0, star)));
      }
      return new WildcardQuery(new Term(field, value));
    }
    if ((field.equals(SHA256) || field.equals(ATTACHMENT_SHA256)) && value.length() < 64) {
      return new PrefixQuery(new Term(field, value));
    }
    return new TermQuery(new Term(field, value));
  }

  /** An analysed text field: one term, or a phrase when the value analyses to several. */
  Query text(String field, String value, boolean phrase) {
    if (!phrase && isWildcard(value)) {
      String norm = analyzer.normalize(field, value).utf8ToString();
      int star = norm.indexOf('*');
      if (star == norm.length() - 1 && norm.indexOf('?') < 0) {
        return new PrefixQuery(new Term(field, norm.substring(0, star)));
      }
      return new WildcardQuery(new Term(field, norm));
    }
    List<String> terms = analyse(field, value);
    if (terms.isEmpty()) {
      return new MatchNoDocsQuery("no searchable words in '" + value + "'");
    }
    if (terms.size() == 1) {
      return new TermQuery(new Term(field, terms.get(0)));
    }
    if (field.startsWith(HEADER_PREFIX)) {
      // Header values are indexed without positions: a phrase is all of its words.
      BooleanQuery.Builder all = new BooleanQuery.Builder();
      for (String t : terms) {
        all.add(new TermQuery(new Term(field, t)), BooleanClause.Occur.MUST);
      }
      return all.build();
    }
    PhraseQuery.Builder p = new PhraseQuery.Builder();
    for (String t : terms) {
      p.add(new Term(field, t));
    }
    return p.build();
  }

  private List<String> analyse(String field, String value) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, value)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Query range(String field, long[] r, boolean intPoint) {
    if (intPoint) {
      int lo = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, r[0]));
      int hi = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, r[1]));
      return IntPoint.newRangeQuery(field, lo, hi);
    }
    return LongPoint.newRangeQuery(field, r[0], r[1]);
  }

  private static boolean isWildcard(String v) {
    return v.indexOf('*') >= 0 || v.indexOf('?') >= 0;
  }

  private static String stripBrackets(String v) {
    String s = v.strip();
    if (s.length() >= 2 && s.charAt(0) == '<' && s.charAt(s.length() - 1) == '>') {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static String stripAt(String v) {
    return v.startsWith("@") ? v.substring(1) : v;
  }
}
