package dev.mailtrace.samples;

import dev.mailtrace.samples.Prose.Language;
import dev.mailtrace.samples.Vocabulary.Org;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes realistic, invented messages one at a time: the same seed always gives the same sequence
 * of bytes.
 *
 * <p>The mix (in per cent, roughly): plain text 43, text+HTML 27, attachments 14, forwards 2,
 * RFC 3464 bounces 5, non-standard bounces 2, auto-replies 3, duplicates 1, malformed 3. About 40
 * per cent of ordinary messages answer an earlier one. Memory stays bounded: only the current
 * message and a small window of open conversations are held.
 */
public final class SampleGenerator {
  /** Default cap on one attachment's decoded size. */
  public static final int DEFAULT_MAX_ATTACHMENT_BYTES = 1 << 20;

  private static final Charset LATIN1 = StandardCharsets.ISO_8859_1;
  private static final Charset UTF8 = StandardCharsets.UTF_8;
  private static final Charset ASCII = StandardCharsets.US_ASCII;
  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final Charset JIS = Charset.forName("ISO-2022-JP");
  private static final int MAX_CONVERSATIONS = 200;

  private final SplittableRandom master;
  private final int maxAttachmentBytes;
  private final List<Conversation> conversations = new ArrayList<>();
  // A fixed start (2024-01-01 08:00 UTC) so output depends on the seed only; about 300 s pass
  // between messages, so 20,000 messages cover ten weeks and 100,000 about a year.
  private long clock = 1_704_096_000L;
  private int index;
  private Sample lastOrdinary;

  /** A generator with the default attachment cap. */
  public SampleGenerator(long seed) {
    this(seed, DEFAULT_MAX_ATTACHMENT_BYTES);
  }

  /**
   * A generator whose attachments never exceed {@code maxAttachmentBytes} decoded bytes (use a small
   * cap for a compact corpus).
   */
  public SampleGenerator(long seed, int maxAttachmentBytes) {
    if (maxAttachmentBytes < 64) {
      throw new IllegalArgumentException("attachment cap below 64 bytes: " + maxAttachmentBytes);
    }
    this.master = new SplittableRandom(seed);
    this.maxAttachmentBytes = maxAttachmentBytes;
  }

  /** The next message of the sequence. */
  public Sample next() {
    SplittableRandom r = master.split();
    clock += 1 + r.nextInt(600);
    int roll = r.nextInt(100);
    Kind kind;
    if (roll < 43) {
      kind = Kind.PLAIN;
    } else if (roll < 70) {
      kind = Kind.ALTERNATIVE;
    } else if (roll < 84) {
      kind = Kind.MIXED;
    } else if (roll < 86) {
      kind = Kind.FORWARD;
    } else if (roll < 91) {
      kind = Kind.DSN;
    } else if (roll < 93) {
      kind = Kind.NONSTANDARD_BOUNCE;
    } else if (roll < 96) {
      kind = Kind.AUTO_REPLY;
    } else if (roll < 97) {
      kind = Kind.DUPLICATE;
    } else {
      kind = Kind.MALFORMED;
    }
    if (kind == Kind.DUPLICATE) {
      if (lastOrdinary != null) {
        Sample s = lastOrdinary;
        return new Sample(index++, Kind.DUPLICATE, null, s.reply(), s.crlf(), s.envelopeSender(),
            s.envelopeTime(), s.content(), s.facts());
      }
      kind = Kind.PLAIN;
    }
    Composer c = new Composer(r, kind);
    Sample s = c.compose();
    if (kind == Kind.PLAIN || kind == Kind.ALTERNATIVE || kind == Kind.MIXED) {
      lastOrdinary = s;
    }
    return s;
  }

  /** A person: display name (maybe non-ASCII), address and the organisation that hosts it. */
  private record Person(String name, String address, Org org, Language language) {}

  /** An open thread that later messages may answer. */
  private static final class Conversation {
    final String subject;
    final Language language;
    final Person a;
    final Person b;
    final List<String> ids = new ArrayList<>();

    Conversation(String subject, Language language, Person a, Person b) {
      this.subject = subject;
      this.language = language;
      this.a = a;
      this.b = b;
    }
  }

  /** Everything needed to write one message. */
  private final class Composer {
    final SplittableRandom r;
    final Kind kind;
    Malformation malformation;
    boolean crlf;
    boolean reply;
    int boundaries;
    final java.util.Map<String, String> facts = new java.util.TreeMap<>();

    Composer(SplittableRandom r, Kind kind) {
      this.r = r;
      this.kind = kind;
    }

    Sample compose() {
      if (kind == Kind.MALFORMED) {
        malformation = Malformation.values()[r.nextInt(Malformation.values().length)];
      }
      crlf = malformation == Malformation.BARE_LF_IN_CRLF || r.nextInt(100) < 8;
      Bytes out = new Bytes(16 * 1024);
      String envelopeSender;
      long envelopeTime;
      switch (kind) {
        case DSN, NONSTANDARD_BOUNCE -> {
          envelopeTime = bounce(out);
          envelopeSender = "MAILER-DAEMON";
        }
        default -> {
          Person[] who = new Person[2];
          envelopeTime = ordinary(out, who);
          envelopeSender = who[0].address;
        }
      }
      byte[] content = out.toArray(crlf);
      if (malformation == Malformation.BARE_LF_IN_CRLF) {
        content = dropSomeCarriageReturns(content);
      }
      return new Sample(index++, kind, malformation, reply, crlf, envelopeSender, envelopeTime, content, facts);
    }

    // ---- people, names and subjects ----

    Person person(Org org) {
      int roll = r.nextInt(100);
      String first = Vocabulary.pick(r, Vocabulary.FIRST);
      String last = Vocabulary.pick(r, Vocabulary.LAST);
      String local =
          switch (r.nextInt(4)) {
            case 0 -> first.toLowerCase() + "." + last.toLowerCase();
            case 1 -> first.toLowerCase();
            case 2 -> first.substring(0, 1).toLowerCase() + last.toLowerCase();
            default -> first.toLowerCase() + r.nextInt(100);
          };
      String address = local + "@" + org.domain();
      if (roll < 78) {
        return new Person(first + " " + last, address, org, Language.ENGLISH);
      } else if (roll < 90) {
        return new Person(Vocabulary.pick(r, Vocabulary.LATIN_NAMES), address, org, Language.LATIN);
      } else if (roll < 95) {
        return new Person(Vocabulary.pick(r, Vocabulary.UNICODE_NAMES), address, org, Language.UNICODE);
      }
      return new Person(Vocabulary.pick(r, Vocabulary.JAPANESE_NAMES), address, org, Language.JAPANESE);
    }

    Org org() {
      return Vocabulary.pick(r, Vocabulary.ORGS);
    }

    /** A mailbox (RFC 5322 section 3.4) with the display name encoded as RFC 2047 requires. */
    String mailbox(Person p) {
      if (r.nextInt(12) == 0) {
        return p.address;
      }
      String name;
      switch (p.language) {
        case ENGLISH -> name = r.nextInt(3) == 0 ? "\"" + p.name + "\"" : p.name;
        case LATIN -> {
          int c = r.nextInt(10);
          name = MimeEncoding.encodedWords(p.name, c < 5 ? LATIN1 : c < 8 ? UTF8 : CP1252, c == 7);
        }
        case JAPANESE -> name = MimeEncoding.encodedWords(p.name, JIS, true);
        default -> name = MimeEncoding.encodedWords(p.name, UTF8, r.nextBoolean());
      }
      return name + " <" + p.address + ">";
    }

    String topicSubject() {
      String topic = Vocabulary.pick(r, Vocabulary.TOPICS);
      return switch (r.nextInt(5)) {
        case 0 -> Character.toUpperCase(topic.charAt(0)) + topic.substring(1);
        case 1 -> "Question about the " + topic;
        case 2 -> Character.toUpperCase(topic.charAt(0)) + topic.substring(1) + " for week " + (1 + r.nextInt(52));
        case 3 -> "[team] " + topic + " (draft " + (1 + r.nextInt(5)) + ")";
        default -> "Follow-up: " + topic;
      };
    }

    /** Subject text and the language its body should use. */
    Object[] subject(Person from) {
      int roll = r.nextInt(100);
      if (from.language == Language.JAPANESE || roll < 5) {
        return new Object[] {Vocabulary.pick(r, Vocabulary.JAPANESE_SUBJECTS), Language.JAPANESE};
      }
      if (from.language == Language.LATIN && roll < 50 || roll < 13) {
        return new Object[] {Vocabulary.pick(r, Vocabulary.LATIN_SUBJECTS), Language.LATIN};
      }
      if (roll < 17) {
        return new Object[] {Vocabulary.pick(r, Vocabulary.SMART_SUBJECTS), Language.ENGLISH};
      }
      if (roll < 22) {
        return new Object[] {Vocabulary.pick(r, Vocabulary.UNICODE_SUBJECTS), Language.UNICODE};
      }
      return new Object[] {topicSubject(), Language.ENGLISH};
    }

    /** A Subject field value, encoded as needed; a few raw UTF-8 (RFC 6532) values slip through. */
    String encodeSubject(String prefix, String text) {
      if (MimeEncoding.isAscii(text)) {
        return prefix + text;
      }
      Charset cs;
      if (text.chars().anyMatch(ch -> ch >= 0x3000 && ch < 0xa000)) {
        cs = r.nextInt(4) == 0 ? UTF8 : JIS;
      } else if (text.chars().anyMatch(ch -> ch == '“' || ch == '’' || ch == '…' || ch == '–')) {
        cs = r.nextInt(3) == 0 ? UTF8 : CP1252;
      } else if (text.chars().allMatch(ch -> ch < 0x100)) {
        cs = r.nextBoolean() ? LATIN1 : UTF8;
      } else {
        cs = UTF8;
      }
      if (!cs.newEncoder().canEncode(text)) {
        cs = UTF8;
      }
      return prefix + MimeEncoding.encodedWords(text, cs, cs == JIS || r.nextBoolean());
    }

    // ---- ordinary messages ----

    /** Writes a person-to-person message; returns the delivery time for the mbox envelope. */
    long ordinary(Bytes out, Person[] who) {
      Person from;
      Person to;
      String subject;
      Language language;
      Conversation conv = null;
      boolean canReply =
          kind == Kind.PLAIN || kind == Kind.ALTERNATIVE || kind == Kind.MIXED || kind == Kind.AUTO_REPLY
              || kind == Kind.MALFORMED;
      if (canReply && !conversations.isEmpty() && (kind == Kind.AUTO_REPLY || r.nextInt(100) < 40)) {
        int back = Math.min(conversations.size() - 1, (int) StrictMath.abs(gaussian() * 8));
        conv = conversations.get(conversations.size() - 1 - back);
        boolean aSpeaks = conv.ids.size() % 2 == 0;
        from = aSpeaks ? conv.a : conv.b;
        to = aSpeaks ? conv.b : conv.a;
        subject = conv.subject;
        language = conv.language;
        reply = true;
      } else {
        from = person(org());
        to = person(org());
        Object[] s = subject(from);
        subject = (String) s[0];
        language = (Language) s[1];
        if (kind != Kind.AUTO_REPLY && kind != Kind.FORWARD) {
          conv = new Conversation(subject, language, from, to);
          if (conversations.size() == MAX_CONVERSATIONS) {
            conversations.remove(0);
          }
          conversations.add(conv);
        }
      }
      who[0] = from;
      String messageId = messageId(from.org);
      long sentAt = clock;
      Route route = Route.of(r, from.org, to.org, from.address, to.address, sentAt);
      facts.put("message-id", messageId);
      facts.put("hops", Integer.toString(route.received.size()));
      facts.put("from", from.address);
      facts.put("to", to.address);
      facts.put("subject", subject);
      facts.put("date", Long.toString(sentAt));

      // Trace fields first, as the last MTA (the one that delivered) would have them.
      if (r.nextInt(10) < 7) {
        out.line("Return-Path: <" + from.address + ">");
        out.line("Delivered-To: " + to.address);
      }
      for (String rcv : route.received) {
        out.ascii("Received: ").line(rcv);
      }
      if (r.nextBoolean()) {
        dkim(out, from.org.domain());
      }
      if (malformation == Malformation.HEADER_WITHOUT_COLON) {
        out.line(r.nextBoolean() ? "X-Junk this line has no colon" : "Thread-Topic " + Vocabulary.pick(r, Vocabulary.TOPICS));
      }
      out.line("Message-ID: <" + messageId + ">");
      out.line("Date: " + MailDates.rfc5322(sentAt, from.org.zoneMinutes(), r.nextInt(10) > 0));
      if (malformation == Malformation.BROKEN_ENCODED_WORD) {
        out.line("From: " + brokenWord() + " <" + from.address + ">");
      } else {
        out.line("From: " + mailbox(from));
      }
      StringBuilder toLine = new StringBuilder("To: ").append(mailbox(to));
      int extraTo = r.nextInt(6) == 0 ? 1 + r.nextInt(3) : 0;
      for (int i = 0; i < extraTo; i++) {
        toLine.append(",\n ").append(mailbox(person(to.org)));
      }
      out.line(toLine.toString());
      if (r.nextInt(5) == 0) {
        out.line("Cc: " + mailbox(person(r.nextBoolean() ? from.org : org())));
      }
      String subjectValue;
      switch (kind) {
        case AUTO_REPLY -> subjectValue = encodeSubject(
            Vocabulary.pick(r, new String[] {"Automatic reply: ", "Out of Office: ", "Abwesenheitsnotiz: ", "Auto: "}),
            subject);
        case FORWARD -> subjectValue = encodeSubject(r.nextBoolean() ? "Fwd: " : "FW: ", subject);
        default -> {
          if (malformation == Malformation.BROKEN_ENCODED_WORD) {
            subjectValue = brokenWord() + " " + subject.replaceAll("[^ -~]", "?");
          } else if (reply) {
            subjectValue = encodeSubject(
                Vocabulary.pick(r, new String[] {"Re: ", "Re: ", "Re: ", "RE: ", "AW: ", "Re: Re: "}), subject);
          } else {
            subjectValue = r.nextInt(40) == 0 && !MimeEncoding.isAscii(subject) ? null : encodeSubject("", subject);
          }
        }
      }
      if (subjectValue == null) {
        // RFC 6532: raw UTF-8 in a header field.
        out.ascii("Subject: ").append(subject.getBytes(UTF8)).newline();
      } else {
        out.line("Subject: " + subjectValue);
      }
      if (conv != null && reply) {
        String parent = conv.ids.isEmpty() ? null : conv.ids.get(conv.ids.size() - 1);
        if (parent != null) {
          out.line("In-Reply-To: <" + parent + ">");
          StringBuilder refs = new StringBuilder("References:");
          int first = Math.max(1, conv.ids.size() - 9);
          refs.append(" <").append(conv.ids.get(0)).append('>');
          for (int i = first; i < conv.ids.size(); i++) {
            refs.append("\n <").append(conv.ids.get(i)).append('>');
          }
          out.line(refs.toString());
        }
      }
      if (kind == Kind.AUTO_REPLY) {
        out.line("Auto-Submitted: auto-replied");
        if (r.nextBoolean()) {
          out.line("X-Autoreply: yes");
        }
        out.line("Precedence: bulk");
      } else if (conv != null) {
        conv.ids.add(messageId);
      }
      if (r.nextInt(3) > 0) {
        out.line((r.nextBoolean() ? "User-Agent: " : "X-Mailer: ") + Vocabulary.pick(r, Vocabulary.MAILERS));
      }
      out.line("MIME-Version: 1.0");

      String greeting = (r.nextBoolean() ? "Hi " : "Hello ") + firstName(to) + ",\n\n";
      int target = lognormal(2200, 0.7, 150, 60_000);
      String text = greeting + Prose.paragraphs(r, target, language);
      if (reply) {
        text += "\n" + quoted(from == conv.a ? conv.b : conv.a);
      }
      text += "\n" + Vocabulary.pick(r, Vocabulary.SIGNOFFS) + "\n" + firstName(from) + "\n";
      switch (kind) {
        case AUTO_REPLY -> {
          String away = "I am out of the office until " + MailDates.rfc5322(clock + 86_400L * (2 + r.nextInt(14)), 0, true)
              + " with limited access to mail.\nFor urgent matters please contact " + "helpdesk@" + to.org.domain() + ".\n\n"
              + firstName(from) + "\n";
          textPart(out, away, Language.ENGLISH, true);
        }
        case ALTERNATIVE -> alternative(out, text, subject, language, true);
        case MIXED -> mixed(out, text, subject, language);
        case FORWARD -> forward(out, from, to);
        case MALFORMED -> malformed(out, text, subject, language);
        default -> textPart(out, text, language, true);
      }
      return route.deliveredAt;
    }

    String firstName(Person p) {
      int sp = p.name.indexOf(' ');
      return sp > 0 ? p.name.substring(0, sp) : p.name;
    }

    String quoted(Person other) {
      StringBuilder sb = new StringBuilder(600);
      sb.append("On ").append(MailDates.rfc5322(clock - 3600 - r.nextInt(86_400), other.org.zoneMinutes(), true))
          .append(", ").append(other.name).append(" <").append(other.address).append("> wrote:\n");
      String prior = Prose.paragraphs(r, 200 + r.nextInt(1200), Language.ENGLISH);
      for (String line : prior.split("\n")) {
        sb.append(line.isEmpty() ? ">" : "> " + line).append('\n');
      }
      return sb.toString();
    }

    /** Writes Content-Type/Content-Transfer-Encoding, a blank line and the body of a text part. */
    void textPart(Bytes out, String text, Language language, boolean plain) {
      Charset cs;
      String cte;
      switch (language) {
        case ENGLISH -> {
          boolean ascii = MimeEncoding.isAscii(text);
          cs = ascii ? (r.nextInt(3) == 0 ? ASCII : UTF8) : UTF8;
          cte = ascii ? (r.nextInt(4) == 0 ? "8bit" : "7bit") : "quoted-printable";
        }
        case LATIN -> {
          int c = r.nextInt(6);
          cs = c < 2 ? LATIN1 : c < 3 ? CP1252 : UTF8;
          cte = switch (r.nextInt(4)) {
            case 0 -> "8bit";
            case 1 -> "base64";
            default -> "quoted-printable";
          };
        }
        case JAPANESE -> {
          cs = r.nextBoolean() ? JIS : UTF8;
          cte = cs == JIS ? "7bit" : "base64";
        }
        default -> {
          cs = UTF8;
          cte = r.nextBoolean() ? "base64" : "quoted-printable";
        }
      }
      if (!cs.newEncoder().canEncode(text)) {
        // A name or quoted line the chosen charset cannot hold: write UTF-8 as a real sender would.
        cs = UTF8;
        if (cte.equals("7bit")) {
          cte = "base64";
        }
      }
      String type = plain ? "text/plain" : "text/html";
      String charsetName = cs == ASCII ? "us-ascii" : cs.name().toLowerCase();
      if (cs == JIS) {
        charsetName = "ISO-2022-JP";
      }
      StringBuilder ct = new StringBuilder("Content-Type: ").append(type).append("; charset=");
      ct.append(r.nextBoolean() ? "\"" + charsetName + "\"" : charsetName);
      if (plain && r.nextInt(5) == 0) {
        ct.append("; format=flowed");
      }
      out.line(ct.toString());
      if (!(cte.equals("7bit") && r.nextInt(3) == 0)) {
        out.line("Content-Transfer-Encoding: " + cte);
      }
      out.newline();
      body(out, text.getBytes(cs), cte);
    }

    void body(Bytes out, byte[] data, String cte) {
      switch (cte) {
        case "base64" -> MimeEncoding.base64(data, out);
        case "quoted-printable" -> {
          MimeEncoding.quotedPrintable(data, out);
          if (data.length > 0 && data[data.length - 1] != '\n') {
            out.newline();
          }
        }
        default -> {
          out.append(data);
          if (data.length > 0 && data[data.length - 1] != '\n') {
            out.newline();
          }
        }
      }
    }

    String boundary() {
      boundaries++;
      return switch (r.nextInt(4)) {
        case 0 -> "----=_Part_" + boundaries + "_" + r.nextInt(1_000_000_000) + "." + (1_700_000_000_000L + r.nextInt(1 << 30));
        case 1 -> "000000000000" + Long.toHexString(r.nextLong() & 0xffffffffffffL);
        case 2 -> "_00" + boundaries + "_" + Route.token(r, 24) + "_";
        default -> "=-" + Route.token(r, 20) + "=";
      };
    }

    void multipartHeader(Bytes out, String subtype, String boundary) {
      out.line("Content-Type: multipart/" + subtype + ";" + (r.nextBoolean() ? "\n\t" : " ") + "boundary=\"" + boundary + "\"");
    }

    void alternative(Bytes out, String text, String title, Language language, boolean preamble) {
      String b = boundary();
      multipartHeader(out, "alternative", b);
      out.newline();
      if (preamble && r.nextBoolean()) {
        out.line("This is a multi-part message in MIME format.");
      }
      out.line("--" + b);
      textPart(out, text, language, true);
      out.line("--" + b);
      textPart(out, Prose.html(text, title), language == Language.ENGLISH && r.nextBoolean() ? Language.UNICODE : language, false);
      if (malformation != Malformation.MISSING_CLOSING_BOUNDARY) {
        out.line("--" + b + "--");
      }
    }

    void mixed(Bytes out, String text, String subject, Language language) {
      String b = boundary();
      multipartHeader(out, "mixed", b);
      out.newline();
      out.line("This is a multi-part message in MIME format.");
      out.newline();
      out.line("--" + b);
      if (r.nextInt(10) < 4) {
        alternative(out, text, subject, language, false);
        out.newline();
      } else {
        textPart(out, text, language, true);
      }
      int attachments = r.nextInt(10) < 7 ? 1 : 2 + r.nextInt(2);
      for (int i = 0; i < attachments; i++) {
        out.line("--" + b);
        attachment(out);
      }
      if (malformation != Malformation.MISSING_CLOSING_BOUNDARY) {
        out.line("--" + b + "--");
        if (r.nextInt(5) == 0) {
          out.newline();
        }
      }
    }

    void attachment(Bytes out) {
      String[][] types = {
        {"application/pdf", "pdf", "%PDF-1.7\n"},
        {"image/png", "png", "\u0089PNG\r\n\u001a\n"},
        {"application/zip", "zip", "PK\u0003\u0004"},
        {"image/jpeg", "jpg", "\u00ff\u00d8\u00ff\u00e0"},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "PK\u0003\u0004"},
        {"text/csv", "csv", ""},
      };
      String[] t = Vocabulary.pick(r, types);
      if (malformation == Malformation.BAD_BASE64 && t[1].equals("csv")) {
        t = types[0];
      }
      String stem = Vocabulary.pick(r, new String[] {"report", "invoice", "scan", "photo", "minutes", "budget", "slides", "contract"})
          + "-" + (2020 + r.nextInt(7)) + "-" + (1 + r.nextInt(12));
      boolean large = r.nextInt(100) < 3;
      int size = large ? (int) (100_000 * StrictMath.pow(10, r.nextDouble())) : lognormal(8_000, 0.9, 300, 300_000);
      size = Math.min(size, maxAttachmentBytes);
      byte[] data;
      String cte;
      if (t[1].equals("csv")) {
        StringBuilder csv = new StringBuilder("date,item,amount\n");
        while (csv.length() < Math.min(size, 40_000)) {
          csv.append("2026-").append(1 + r.nextInt(12)).append('-').append(1 + r.nextInt(28)).append(',')
              .append(Vocabulary.pick(r, Vocabulary.TOPICS)).append(',').append(r.nextInt(100_000) / 100.0).append('\n');
        }
        data = csv.toString().getBytes(ASCII);
        cte = r.nextBoolean() ? "7bit" : "quoted-printable";
      } else {
        data = new byte[size];
        r.nextBytes(data);
        byte[] magic = t[2].getBytes(LATIN1);
        System.arraycopy(magic, 0, data, 0, Math.min(magic.length, data.length));
        cte = "base64";
      }
      String name = stem + "." + t[1];
      String params;
      int style = r.nextInt(20);
      if (style < 3) {
        // RFC 2231 section 4: charset and percent-encoding in an extended parameter.
        name = Vocabulary.pick(r, new String[] {"Übersicht ", "Résumé ", "Größe ", "資料 "}) + name;
        params = "; filename*=" + MimeEncoding.extendedValue(name, UTF8);
      } else if (style < 5) {
        // Common but non-standard: RFC 2047 words inside a quoted parameter.
        name = Vocabulary.pick(r, new String[] {"Präsentation ", "Reçu ", "Café "}) + name;
        params = "; filename=\"" + MimeEncoding.encodedWord(name, UTF8, r.nextBoolean()) + "\"";
      } else if (style < 6) {
        // RFC 2231 section 3: a value continued over numbered parameters.
        name = "very-long-attachment-name-for-the-" + name;
        int half = name.length() / 2;
        params = ";\n\tfilename*0=\"" + name.substring(0, half) + "\";\n\tfilename*1=\"" + name.substring(half) + "\"";
      } else {
        params = "; filename=\"" + name + "\"";
      }
      out.line("Content-Type: " + t[0] + (r.nextBoolean() ? "; name=\"" + (MimeEncoding.isAscii(name) ? name : "attachment." + t[1]) + "\"" : ""));
      out.line("Content-Disposition: " + (r.nextInt(8) == 0 ? "inline" : "attachment") + params);
      out.line("Content-Transfer-Encoding: " + cte);
      out.newline();
      if (malformation == Malformation.BAD_BASE64 && cte.equals("base64")) {
        Bytes enc = new Bytes(data.length * 4 / 3 + 100);
        MimeEncoding.base64(data, enc);
        byte[] b64 = enc.toArray(false);
        // Characters outside the alphabet, then a last quantum cut short.
        for (int i = 5; i < b64.length; i += 97 + r.nextInt(400)) {
          int at = b64[i] == '\n' ? i - 1 : i; // lines are 76 long, so the byte before is not LF
          b64[at] = (byte) "!*#~%".charAt(r.nextInt(5));
        }
        int cut = Math.max(0, b64.length - 1 - (1 + r.nextInt(2)));
        out.append(b64, 0, cut).newline();
      } else {
        body(out, data, cte);
      }
    }

    void forward(Bytes out, Person from, Person to) {
      String b = boundary();
      multipartHeader(out, "mixed", b);
      out.newline();
      out.line("--" + b);
      textPart(out, "Hi " + firstName(to) + ",\n\nforwarding this, see the message below.\n\n" + firstName(from) + "\n", Language.ENGLISH, true);
      out.line("--" + b);
      out.line("Content-Type: message/rfc822");
      out.line("Content-Disposition: " + (r.nextBoolean() ? "inline" : "attachment; filename=\"forwarded.eml\""));
      out.newline();
      enclosed(out, person(org()), from, 300 + r.nextInt(3000), r.nextBoolean());
      out.line("--" + b + "--");
    }

    /** A small complete message to quote inside a forward or a bounce; returns its Message-ID. */
    String enclosed(Bytes out, Person from, Person to, int chars, boolean html) {
      String id = messageId(from.org);
      long sent = clock - r.nextInt(7200);
      boolean bounced = kind == Kind.DSN || kind == Kind.NONSTANDARD_BOUNCE;
      Route route = Route.of(r, from.org, to.org, from.address, to.address, sent, bounced);
      for (String rcv : route.received) {
        out.ascii("Received: ").line(rcv);
      }
      out.line("Message-ID: <" + id + ">");
      out.line("Date: " + MailDates.rfc5322(sent, from.org.zoneMinutes(), true));
      out.line("From: " + mailbox(from));
      out.line("To: " + mailbox(to));
      out.line("Subject: " + encodeSubject("", topicSubject()));
      out.line("MIME-Version: 1.0");
      String text = "Hello " + firstName(to) + ",\n\n" + Prose.paragraphs(r, chars, Language.ENGLISH) + "\n" + firstName(from) + "\n";
      if (html) {
        alternative(out, text, "message", Language.ENGLISH, false);
      } else {
        textPart(out, text, Language.ENGLISH, true);
      }
      return id;
    }

    void malformed(Bytes out, String text, String subject, Language language) {
      switch (malformation) {
        case MISSING_CLOSING_BOUNDARY -> {
          if (r.nextBoolean()) {
            alternative(out, text, subject, language, true);
          } else {
            mixed(out, text, subject, language);
          }
        }
        case BAD_BASE64 -> mixed(out, text, subject, language);
        case BARE_LF_IN_CRLF, HEADER_WITHOUT_COLON -> {
          if (r.nextBoolean()) {
            alternative(out, text, subject, language, true);
          } else {
            textPart(out, text, language, true);
          }
        }
        default -> textPart(out, text, language, true);
      }
    }

    String brokenWord() {
      return Vocabulary.pick(r, new String[] {
        "=?UTF-8?B?SGVsbG8gV29ybGQ", // unterminated
        "=?x-unknown-charset?Q?caf=E9?=", // unknown charset
        "=?UTF-8?Q?Caf=C3?=", // truncated UTF-8 sequence
        "=?UTF-8?X?abc?=", // unknown encoding
        "=?ISO-8859-1?B?w6k=?=extra", // no space after the word
        "=?utf-8?q?broken=ZZvalue?=", // bad hex
        "=?UTF-8?B?!!!notbase64!!!?=",
      });
    }

    byte[] dropSomeCarriageReturns(byte[] content) {
      // RFC 5322 section 2.3: CR and LF only occur together as CRLF; break that on some lines.
      Bytes b = new Bytes(content.length);
      int headerEnd = -1;
      for (int i = 0; i + 3 < content.length; i++) {
        if (content[i] == '\r' && content[i + 1] == '\n' && content[i + 2] == '\r' && content[i + 3] == '\n') {
          headerEnd = i;
          break;
        }
      }
      boolean droppedOne = false;
      for (int i = 0; i < content.length; i++) {
        if (content[i] == '\r' && i + 1 < content.length && content[i + 1] == '\n' && i > headerEnd + 4
            && (r.nextInt(12) == 0 || (!droppedOne && i + 2 >= content.length))) {
          droppedOne = true;
          continue;
        }
        b.append(content[i]);
      }
      return b.toArray(false);
    }

    // ---- bounces ----

    long bounce(Bytes out) {
      Org senderOrg = org();
      while (kind == Kind.NONSTANDARD_BOUNCE && senderOrg.style() != MtaStyle.EXIM && senderOrg.style() != MtaStyle.QMAIL) {
        senderOrg = org();
      }
      Person sender = person(senderOrg);
      Org remote = org();
      Person rcpt = person(remote);
      Org reporting = sender.org;
      String mta = Route.host(reporting, "out1");
      Failure f = Vocabulary.pick(r, FAILURES);
      // Temporary failures give "delayed" notices in a DSN; qmail and Exim text bounces only report giving up.
      boolean delayed = kind == Kind.DSN && !f.permanent();
      String status = f.status();
      String remoteMx = "mx1." + remote.domain();
      String remoteIp = Route.publicV4(Route.orgIndex(remote), r);
      String reply = f.code() + " " + status + " <" + rcpt.address + ">: " + f.text();
      String id = messageId(reporting);
      long at = clock;
      Route route = Route.of(r, reporting, sender.org, "", sender.address, at);
      facts.put("message-id", id);
      facts.put("hops", Integer.toString(route.received.size()));
      facts.put("date", Long.toString(at));
      facts.put("recipient", rcpt.address);
      facts.put("sender", sender.address);
      facts.put("reason", f.reason());
      facts.put("status", status);
      facts.put("reply-code", Integer.toString(f.code()));
      facts.put("action", delayed ? "delayed" : "failed");
      if (r.nextBoolean()) {
        out.line("Return-Path: <>");
      }
      for (String rcv : route.received) {
        out.ascii("Received: ").line(rcv);
      }
      boolean exim = reporting.style() == MtaStyle.EXIM;
      boolean qmail = kind == Kind.NONSTANDARD_BOUNCE && !exim;
      facts.put("bounce-format", kind == Kind.DSN ? (exim ? "exim-dsn" : "postfix-dsn") : exim ? "exim-text" : "qmail-text");
      out.line("Message-ID: <" + id + ">");
      out.line("Date: " + MailDates.rfc5322(at, reporting.zoneMinutes(), true));
      if (qmail) {
        out.line("From: MAILER-DAEMON@" + mta);
        out.line("To: " + sender.address);
        out.line("Subject: failure notice");
      } else if (exim) {
        out.line("From: Mail Delivery System <Mailer-Daemon@" + mta + ">");
        out.line("To: " + sender.address);
        out.line("Subject: Mail delivery failed: returning message to sender");
        out.line("X-Failed-Recipients: " + rcpt.address);
      } else {
        out.line("From: MAILER-DAEMON@" + mta + " (Mail Delivery System)");
        out.line("To: " + sender.address);
        out.line("Subject: " + (delayed ? "Delayed Mail (still being retried)" : "Undelivered Mail Returned to Sender"));
      }
      out.line("Auto-Submitted: auto-replied");
      out.line("MIME-Version: 1.0");
      String command = f.status().equals("5.1.2") ? null : f.status().startsWith("5.3.4") ? "end of DATA" : "RCPT TO";
      if (kind == Kind.NONSTANDARD_BOUNCE) {
        out.line("Content-Type: text/plain; charset=us-ascii");
        out.newline();
        if (qmail) {
          out.line("Hi. This is the qmail-send program at " + mta + ".");
          out.line("I'm afraid I wasn't able to deliver your message to the following addresses.");
          out.line("This is a permanent error; I've given up. Sorry it didn't work out.");
          out.newline();
          out.line("<" + rcpt.address + ">:");
          out.line(remoteIp + " does not like recipient.");
          out.line("Remote host said: " + reply);
          out.line("Giving up on " + remoteIp + ".");
          out.newline();
          out.line("--- Below this line is a copy of the message.");
        } else {
          eximText(out, rcpt, remoteMx, remoteIp, command, reply);
          out.line("------ This is a copy of the message, including all the headers. ------");
        }
        out.newline();
        enclosed(out, sender, rcpt, 200 + r.nextInt(1500), false);
        return route.deliveredAt;
      }
      String b = boundary();
      out.line("Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"" + b + "\"");
      out.newline();
      out.line("This is a MIME-encapsulated message.");
      out.newline();
      out.line("--" + b);
      if (exim) {
        out.line("Content-Type: text/plain; charset=us-ascii");
        out.newline();
        eximText(out, rcpt, remoteMx, remoteIp, command, reply);
      } else {
        out.line("Content-Description: Notification");
        out.line("Content-Type: text/plain; charset=us-ascii");
        out.newline();
        out.line("This is the mail system at host " + mta + ".");
        out.newline();
        if (delayed) {
          out.line("####################################################################");
          out.line("# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #");
          out.line("####################################################################");
          out.newline();
          out.line("Your message could not be delivered for more than 4 hour(s).");
          out.line("It will be retried until it is 5 day(s) old.");
        } else {
          out.line("I'm sorry to have to inform you that your message could not");
          out.line("be delivered to one or more recipients. It's attached below.");
        }
        out.newline();
        out.line("For further assistance, please send mail to postmaster.");
        out.newline();
        out.line("                   The mail system");
        out.newline();
        if (command == null) {
          out.line("<" + rcpt.address + ">: Host or domain name not found. Name service error for");
          out.line("    name=" + remote.domain() + " type=MX: Host not found, try again");
        } else {
          out.line("<" + rcpt.address + ">: host " + remoteMx + "[" + remoteIp + "] said: " + reply);
          out.line("    (in reply to " + command + " command)");
        }
      }
      out.newline();
      out.line("--" + b);
      if (!exim) {
        out.line("Content-Description: Delivery report");
      }
      out.line("Content-Type: message/delivery-status");
      out.newline();
      // RFC 3464 section 2.2: per-message fields, a blank line, then per-recipient fields.
      out.line("Reporting-MTA: dns; " + mta);
      if (!exim) {
        out.line("X-Postfix-Queue-ID: 4" + Route.token(r, 11));
        out.line("X-Postfix-Sender: rfc822; " + sender.address);
        out.line("Arrival-Date: " + MailDates.rfc5322(at - 60 - r.nextInt(3600), reporting.zoneMinutes(), true));
      }
      out.newline();
      out.line("Final-Recipient: rfc822; " + rcpt.address);
      if (r.nextBoolean()) {
        out.line("Original-Recipient: rfc822;" + rcpt.address);
      }
      out.line("Action: " + (delayed ? "delayed" : "failed"));
      out.line("Status: " + status);
      if (command != null) {
        out.line("Remote-MTA: dns; " + remoteMx);
        out.line("Diagnostic-Code: smtp; " + reply);
      } else {
        out.line("Diagnostic-Code: X-Postfix; Host or domain name not found. Name service error");
        out.line("    for name=" + remote.domain() + " type=MX: Host not found, try again");
      }
      if (delayed) {
        out.line("Will-Retry-Until: " + MailDates.rfc5322(at + 5 * 86_400, reporting.zoneMinutes(), true));
      }
      out.newline();
      out.line("--" + b);
      boolean headersOnly = r.nextInt(10) < 3;
      out.line(exim ? "Content-Type: " + (headersOnly ? "text/rfc822-headers" : "message/rfc822")
          : "Content-Description: Undelivered Message" + (headersOnly ? " Headers" : ""));
      if (!exim) {
        out.line("Content-Type: " + (headersOnly ? "text/rfc822-headers" : "message/rfc822"));
      }
      out.newline();
      if (headersOnly) {
        Bytes original = new Bytes(8192);
        enclosed(original, sender, rcpt, 200, false);
        byte[] all = original.toArray(false);
        int end = 0;
        while (end + 1 < all.length && !(all[end] == '\n' && all[end + 1] == '\n')) {
          end++;
        }
        out.append(all, 0, end + 1);
      } else {
        enclosed(out, sender, rcpt, 200 + r.nextInt(2000), r.nextInt(4) == 0);
      }
      out.newline();
      out.line("--" + b + "--");
      return route.deliveredAt;
    }

    void eximText(Bytes out, Person rcpt, String remoteMx, String remoteIp, String command, String reply) {
      out.line("This message was created automatically by mail delivery software.");
      out.newline();
      out.line("A message that you sent could not be delivered to one or more of its");
      out.line("recipients. This is a permanent error. The following address(es) failed:");
      out.newline();
      out.line("  " + rcpt.address);
      if (command == null) {
        out.line("    Unrouteable address");
      } else {
        out.line("    host " + remoteMx + " [" + remoteIp + "]");
        out.line("    SMTP error from remote mail server after " + command + ":<" + rcpt.address + ">:");
        out.line("    " + reply);
      }
      out.newline();
    }

    // ---- small things ----

    String messageId(Org org) {
      return switch (r.nextInt(3)) {
        case 0 -> Route.token(r, 12) + "." + index + "@" + Route.host(org, "smtp");
        case 1 -> "CA" + Route.token(r, 30) + "+" + index + "@mail." + org.domain();
        default -> (clock / 60) + "." + Long.toHexString(r.nextLong() & 0xffffffffL) + "." + index + "@" + org.domain();
      };
    }

    void dkim(Bytes out, String domain) {
      out.line("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + ";");
      out.line("\ts=sel2026; t=" + clock + ";");
      out.line("\th=from:to:subject:date:message-id:mime-version;");
      out.line("\tbh=" + base64Token(43) + "=;");
      String sig = base64Token(342) + "==";
      StringBuilder line = new StringBuilder("\tb=");
      for (int i = 0; i < sig.length(); i += 70) {
        if (i > 0) {
          line.append("\n\t ");
        }
        line.append(sig, i, Math.min(sig.length(), i + 70));
      }
      out.line(line.toString());
    }

    String base64Token(int n) {
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      char[] c = new char[n];
      for (int i = 0; i < n; i++) {
        c[i] = alphabet.charAt(r.nextInt(64));
      }
      return new String(c);
    }

    double gaussian() {
      // Box-Muller with StrictMath, so every platform draws the same numbers.
      double u = 1.0 - r.nextDouble();
      double v = r.nextDouble();
      return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }

    int lognormal(int median, double sigma, int min, int max) {
      double x = median * StrictMath.exp(sigma * gaussian());
      return (int) Math.max(min, Math.min(max, x));
    }
  }

  /** A delivery failure as a remote server reports it, with its RFC 3463 status. */
  private record Failure(String reason, int code, String status, String text, boolean permanent) {}

  private static final Failure[] FAILURES = {
    new Failure("userunknown", 550, "5.1.1", "Recipient address rejected: User unknown in local recipient table", true),
    new Failure("userunknown", 550, "5.1.1", "The email account that you tried to reach does not exist", true),
    new Failure("mailboxfull", 552, "5.2.2", "Mailbox full, quota exceeded", true),
    new Failure("mailboxfull", 452, "4.2.2", "Mailbox is full, try again later", false),
    new Failure("hostunknown", 550, "5.1.2", "Host or domain name not found", true),
    new Failure("spamdetected", 550, "5.7.1", "Message rejected as spam by content filter", true),
    new Failure("policyviolation", 550, "5.7.26", "Unauthenticated mail is prohibited by DMARC policy", true),
    new Failure("mesgtoobig", 552, "5.3.4", "Message size exceeds fixed maximum message size", true),
    new Failure("suspend", 550, "5.2.1", "Mailbox disabled, not accepting messages", true),
    new Failure("norelaying", 554, "5.7.1", "Relay access denied", true),
    new Failure("expired", 451, "4.4.1", "Connection timed out while talking to remote host; message expired in the queue", true),
    new Failure("blocked", 554, "5.7.1", "Client host rejected: listed on a block list", true),
  };
}
