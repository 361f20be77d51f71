package dev.mailtrace.index;

import static dev.mailtrace.index.MessageFields.*;

import dev.mailtrace.bounce.BouncedRecipient;
import dev.mailtrace.bounce.DeliveryReport;
import dev.mailtrace.bounce.ReportKind;
import dev.mailtrace.header.EncodedWords;
import dev.mailtrace.message.Address;
import dev.mailtrace.message.Header;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import dev.mailtrace.received.Hop;
import dev.mailtrace.received.HopChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * Builds the Lucene document of one analysed message, following {@link MessageFields}.
 *
 * <p>Only what search output needs is stored; everything else is indexed or kept as doc values.
 * Keyword values are capped so hostile input cannot produce a term Lucene refuses.
 */
public final class MessageDocument {
  /** Longest keyword value kept: Lucene refuses terms over 32766 bytes, real values are short. */
  static final int MAX_KEYWORD = 512;
  /** Body text indexed per message; the rest of a huge body adds little to search. */
  private static final int MAX_BODY_CHARS = 2_000_000;
  /** Longest header name that gets its own field. */
  private static final int MAX_HEADER_NAME = 64;

  private MessageDocument() {}

  /** The document id: the stored bytes' SHA-256, the file and the offset. */
  public static String id(dev.mailtrace.message.Source source) {
    return id(source.sha256(), source.file(), source.offset());
  }

  /** The document id of the message with these bytes at this place. */
  public static String id(String sha256, String file, long offset) {
    return sha256 + ":" + file + ":" + offset;
  }

  /** The update key: one document per location in a source file. */
  public static String location(String file, long offset) {
    return file + "#" + offset;
  }

  /** Builds the document of a message with its hop chain and delivery report. */
  public static Document of(Message m, HopChain chain, DeliveryReport report) {
    Document d = new Document();
    var src = m.source();
    // No id field: the id is the stored SHA-256, file and offset together (see MailSearcher), and
    // a unique term per message is among the dearest things to index.
    d.add(new StringField(LOCATION, location(src.file(), src.offset()), Field.Store.NO));
    // Not capped: a path is at most PATH_MAX (4096) bytes, far below Lucene's term limit, and
    // show, deletion of rewritten files and document ids all need the whole of it.
    d.add(new StringField(FILE, src.file(), Field.Store.YES));
    d.add(new StoredField(OFFSET, src.offset()));
    d.add(new StoredField(LENGTH, src.length()));
    d.add(new StringField(SHA256, src.sha256(), Field.Store.YES));
    d.add(new NumericDocValuesField(DUPLICATE, 0));
    if (m.envelope() != null) {
      d.add(new StoredField(ENVELOPE, m.envelope()));
    }
    d.add(new LongPoint(SIZE, src.length()));
    d.add(new NumericDocValuesField(SIZE, src.length()));
    d.add(new StoredField(SIZE, src.length()));

    if (m.date() != null) {
      long millis = m.date().toInstant().toEpochMilli();
      d.add(new LongPoint(DATE, millis));
      d.add(new NumericDocValuesField(DATE, millis));
      d.add(new StoredField(DATE, millis));
      d.add(new StoredField(DATE_TEXT, m.date().toString()));
    }

    if (m.messageId() != null && !m.messageId().isBlank()) {
      String id = cap(m.messageId().strip());
      d.add(new StringField(MESSAGE_ID, id, Field.Store.YES));
    }
    // Stored: the thread command follows these links between messages (see MailSearcher.thread).
    if (m.inReplyTo() != null && !m.inReplyTo().isBlank()) {
      d.add(new StringField(IN_REPLY_TO, cap(m.inReplyTo().strip()), Field.Store.YES));
      d.add(new StringField(HAS, "reply", Field.Store.NO));
    }
    for (String r : m.references()) {
      if (!r.isBlank()) {
        d.add(new StringField(REFERENCES, cap(r.strip()), Field.Store.YES));
      }
    }
    String thread = ThreadKey.of(m);
    d.add(new StringField(THREAD, thread, Field.Store.YES));
    d.add(new SortedDocValuesField(THREAD, new BytesRef(thread)));

    if (m.subject() != null) {
      d.add(new TextField(SUBJECT, m.subject(), Field.Store.YES));
    }
    if (m.text() != null && !m.text().isEmpty()) {
      String text = m.text();
      d.add(new TextField(BODY, text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) : text, Field.Store.NO));
    }

    addresses(d, m);
    headers(d, m);
    attachments(d, m);
    hops(d, chain);
    AuthFields.add(d, m, chain);
    report(d, report);

    List<String> problems = problems(m, chain);
    for (String p : problems) {
      d.add(text(PROBLEM, p));
    }
    d.add(new IntPoint(PROBLEMS, problems.size()));
    d.add(new NumericDocValuesField(PROBLEMS, problems.size()));
    if (!problems.isEmpty()) {
      d.add(new StringField(HAS, "problem", Field.Store.NO));
    }
    return d;
  }

  /** The problems a message's document records: its own, then its Received fields'. */
  static List<String> problems(Message m, HopChain chain) {
    List<String> problems = new ArrayList<>(m.problems());
    if (chain != null) {
      for (Hop h : chain.hops()) {
        for (String p : h.problems()) {
          problems.add("Received: " + p);
        }
      }
    }
    return problems;
  }

  private static void addresses(Document d, Message m) {
    role(d, "from", m.from());
    role(d, "sender", m.sender());
    role(d, "reply-to", m.replyTo());
    role(d, "to", m.to());
    role(d, "cc", m.cc());
    role(d, "bcc", m.bcc());
    role(d, "delivered-to", bare(m.headers("Delivered-To")));
    role(d, "return-path", bare(m.headers("Return-Path")));
    for (List<Address> list : List.of(m.to(), m.cc(), m.bcc())) {
      for (Address a : list) {
        String domain = a.domain();
        if (domain != null) {
          d.add(new StringField(RECIPIENT_DOMAIN, cap(domain), Field.Store.NO));
          d.add(new SortedSetDocValuesField(RECIPIENT_DOMAIN, new BytesRef(cap(domain))));
        }
      }
    }
    if (!m.from().isEmpty()) {
      d.add(new StoredField(FROM_DISPLAY, cap(display(m.from().get(0)))));
    }
    if (!m.to().isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (Address a : m.to()) {
        if (b.length() > 0) {
          b.append(", ");
        }
        b.append(a.address());
      }
      d.add(new StoredField(TO_DISPLAY, cap(b.toString())));
    }
  }

  /** Delivered-To and Return-Path carry one bare address, perhaps in angle brackets (RFC 5321 4.4). */
  private static List<Address> bare(List<String> values) {
    List<Address> out = new ArrayList<>(values.size());
    for (String v : values) {
      String s = v.strip();
      if (s.startsWith("<") && s.endsWith(">")) {
        s = s.substring(1, s.length() - 1).strip();
      }
      if (!s.isEmpty()) {
        out.add(new Address(null, s));
      }
    }
    return out;
  }

  private static void role(Document d, String role, List<Address> list) {
    boolean sortedDomains = role.equals("from");
    for (Address a : list) {
      if (a.address() != null && !a.address().isBlank()) {
        String addr = cap(a.address().strip().toLowerCase(Locale.ROOT));
        d.add(new StringField(address(role), addr, Field.Store.NO));
        if (sortedDomains) {
          d.add(new SortedSetDocValuesField(address(role), new BytesRef(addr)));
        }
        d.add(text(addressText(role), a.address()));
      }
      if (a.name() != null && !a.name().isBlank()) {
        d.add(text(addressText(role), a.name()));
      }
      String domain = a.domain();
      if (domain != null) {
        d.add(new StringField(domain(role), cap(domain), Field.Store.NO));
        if (sortedDomains) {
          d.add(new SortedSetDocValuesField(domain(role), new BytesRef(cap(domain))));
        }
      }
    }
  }

  private static String display(Address a) {
    if (a.name() == null || a.name().isBlank()) {
      return a.address() == null ? "" : a.address();
    }
    return a.address() == null ? a.name() : a.name() + " <" + a.address() + ">";
  }

  private static void headers(Document d, Message m) {
    for (Header h : m.headers()) {
      String name = h.name().toLowerCase(Locale.ROOT);
      if (!isFieldName(name)) {
        continue;
      }
      d.add(new StringField(HEADER_NAMES, name, Field.Store.NO));
      String field = headerField(name);
      if (!field.startsWith(HEADER_PREFIX)) {
        continue;
      }
      String value = h.value();
      if (value.contains("=?")) {
        value = EncodedWords.decode(value, new ArrayList<>());
      }
      if (name.endsWith("-signature") || name.equals("arc-seal")) {
        value = withoutSignatureData(value);
      }
      d.add(new Field(field, value, HEADER_TEXT));
    }
  }

  /**
   * DKIM (RFC 6376 section 3.5) and ARC signatures end in base64 {@code b=} and {@code bh=} tags:
   * thousands of unique junk terms per message and never searched for. The other tags (d=, s=, h=)
   * stay searchable.
   */
  static String withoutSignatureData(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (String tag : value.split(";")) {
      String t = tag.strip();
      if (t.startsWith("b=") || t.startsWith("bh=") || t.startsWith("b =") || t.startsWith("bh =")) {
        continue;
      }
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(t);
    }
    return out.toString();
  }

  /** RFC 5322 section 2.2: a field name is printable US-ASCII except colon; we also keep it short. */
  private static boolean isFieldName(String name) {
    if (name.isEmpty() || name.length() > MAX_HEADER_NAME) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 127 || c == ':') {
        return false;
      }
    }
    return true;
  }

  private static void attachments(Document d, Message m) {
    List<Part> attachments = m.attachments();
    for (Part p : attachments) {
      if (p.filename() != null && !p.filename().isBlank()) {
        keyword(d, ATTACHMENT_NAME, p.filename().toLowerCase(Locale.ROOT));
        d.add(text(ATTACHMENT_TEXT, p.filename()));
      }
      String type = cap(p.contentType());
      d.add(new StringField(ATTACHMENT_TYPE, type, Field.Store.NO));
      d.add(new SortedSetDocValuesField(ATTACHMENT_TYPE, new BytesRef(type)));
      d.add(new LongPoint(ATTACHMENT_SIZE, p.size()));
      // Computed here, when first asked for: of all the parts, only attachments need one.
      String sha = p.sha256();
      if (sha != null) {
        d.add(new StringField(ATTACHMENT_SHA256, sha, Field.Store.NO));
      }
    }
    d.add(new IntPoint(ATTACHMENTS, attachments.size()));
    d.add(new NumericDocValuesField(ATTACHMENTS, attachments.size()));
    if (!attachments.isEmpty()) {
      d.add(new StringField(HAS, "attachment", Field.Store.NO));
    }
  }

  private static void hops(Document d, HopChain chain) {
    int count = chain == null ? 0 : chain.hops().size();
    d.add(new IntPoint(HOPS, count));
    d.add(new NumericDocValuesField(HOPS, count));
    if (chain == null || count == 0) {
      return;
    }
    d.add(new StringField(HAS, "hops", Field.Store.NO));
    for (int i = 0; i < count; i++) {
      Hop h = chain.hops().get(i);
      if (h.ip() != null) {
        keyword(d, HOP_IP, h.ip().toLowerCase(Locale.ROOT));
      }
      for (String host : new String[] {h.from(), h.by(), h.reverseDns()}) {
        // An address literal in "from" is the IP again, already in hop.ip.
        if (host != null && !host.isBlank() && !host.startsWith("[")) {
          String v = cap(host.strip().toLowerCase(Locale.ROOT));
          d.add(new StringField(HOP_HOST, v, Field.Store.NO));
          d.add(new SortedSetDocValuesField(HOP_HOST, new BytesRef(v)));
        }
      }
      if (h.helo() != null) {
        keyword(d, HOP_HELO, h.helo().toLowerCase(Locale.ROOT));
      }
      if (h.with() != null) {
        keyword(d, HOP_PROTOCOL, h.with().toLowerCase(Locale.ROOT));
      }
      boolean tls = h.tlsVersion() != null || h.tlsCipher() != null || isTlsProtocol(h.with());
      keyword(d, HOP_TLS, tls ? "yes" : "no");
      if (h.tlsVersion() != null) {
        keyword(d, HOP_TLS, h.tlsVersion().toLowerCase(Locale.ROOT));
      }
      if (h.tlsCipher() != null) {
        keyword(d, HOP_TLS, h.tlsCipher().toLowerCase(Locale.ROOT));
      }
      Duration delay = i < chain.delays().size() ? chain.delays().get(i) : null;
      if (delay != null) {
        d.add(new LongPoint(HOP_DELAY, delay.toSeconds()));
      }
    }
    if (chain.total() != null) {
      d.add(new LongPoint(DELAY, chain.total().toSeconds()));
      d.add(new NumericDocValuesField(DELAY, chain.total().toSeconds()));
    }
    for (String a : chain.anomalies()) {
      d.add(text(ANOMALY, a));
    }
    if (!chain.anomalies().isEmpty()) {
      d.add(new StringField(HAS, "anomaly", Field.Store.NO));
    }
  }

  /** RFC 3848: ESMTPS, ESMTPSA, LMTPS and the like name a TLS-protected session. */
  private static boolean isTlsProtocol(String with) {
    if (with == null) {
      return false;
    }
    String w = with.toUpperCase(Locale.ROOT);
    return w.equals("ESMTPS") || w.equals("ESMTPSA") || w.equals("LMTPS") || w.equals("LMTPSA")
        || w.equals("UTF8SMTPS") || w.equals("UTF8SMTPSA") || w.equals("HTTPS");
  }

  private static void report(Document d, DeliveryReport r) {
    if (r == null || r.kind() == ReportKind.NONE) {
      return;
    }
    keyword(d, REPORT_KIND, r.kind().name().toLowerCase(Locale.ROOT));
    if (r.kind() == ReportKind.BOUNCE) {
      d.add(new StringField(HAS, "bounce", Field.Store.NO));
    }
    if (r.reportingMta() != null) {
      keyword(d, BOUNCE_MTA, r.reportingMta().toLowerCase(Locale.ROOT));
    }
    for (BouncedRecipient b : r.recipients()) {
      if (b.recipient() != null) {
        keyword(d, BOUNCE_RECIPIENT, b.recipient().toLowerCase(Locale.ROOT));
      }
      if (b.status() != null) {
        sortedKeyword(d, BOUNCE_STATUS, b.status());
      }
      if (b.replyCode() != null) {
        keyword(d, BOUNCE_CODE, b.replyCode());
      }
      if (b.reason() != null) {
        sortedKeyword(d, BOUNCE_REASON, b.reason().label());
      }
      if ("failed".equalsIgnoreCase(b.action()) || r.kind() == ReportKind.BOUNCE) {
        keyword(d, BOUNCE_TYPE, b.hard() ? "hard" : "soft");
      }
      if (b.remoteHost() != null && !b.remoteHost().isBlank()) {
        sortedKeyword(d, BOUNCE_REMOTE, b.remoteHost().strip().toLowerCase(Locale.ROOT));
      }
      if (b.diagnostic() != null) {
        d.add(text(BOUNCE_DIAGNOSTIC, b.diagnostic()));
      }
    }
  }

  /**
   * Analysed text without norms: these fields are matched, not ranked by length, and norms per
   * field per message (one per header name) would cost more than they tell.
   */
  private static final FieldType TEXT_NO_NORMS = textNoNorms();

  private static FieldType textNoNorms() {
    FieldType t = new FieldType(TextField.TYPE_NOT_STORED);
    t.setOmitNorms(true);
    t.freeze();
    return t;
  }

  /**
   * Header values: analysed words without positions or frequencies. Headers are matched, never
   * ranked, and their structure is indexed exactly elsewhere (hops, ids, addresses, dates); a
   * phrase on {@code header.NAME} is searched as all of its words (see the search package).
   * Positions for a message's two dozen header fields would cost a quarter of all indexing work.
   */
  private static final FieldType HEADER_TEXT = headerText();

  private static FieldType headerText() {
    FieldType t = new FieldType(TEXT_NO_NORMS);
    t.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS);
    t.freeze();
    return t;
  }

  private static Field text(String field, String value) {
    return new Field(field, value, TEXT_NO_NORMS);
  }

  private static void keyword(Document d, String field, String value) {
    if (value != null && !value.isEmpty()) {
      d.add(new StringField(field, cap(value), Field.Store.NO));
    }
  }

  private static void sortedKeyword(Document d, String field, String value) {
    if (value != null && !value.isEmpty()) {
      String v = cap(value);
      d.add(new StringField(field, v, Field.Store.NO));
      d.add(new SortedSetDocValuesField(field, new BytesRef(v)));
    }
  }

  private static String cap(String s) {
    return s.length() <= MAX_KEYWORD ? s : s.substring(0, MAX_KEYWORD);
  }
}
