package dev.mailtrace.index;

import java.util.List;

/**
 * The names of the index fields, shared by the writer and the searcher.
 *
 * <p>Keyword fields hold exact (mostly lower-cased) values; text fields are analysed with {@link
 * MailAnalyzer}. Fields marked "stored" are returned with search hits; the others are only
 * searchable or kept as doc values for sorting and counting.
 */
public final class MessageFields {
  private MessageFields() {}

  /** Keyword: {@code file#offset}, the update key, so a location is indexed at most once. */
  public static final String LOCATION = "loc";
  /** Keyword, stored: the source file. */
  public static final String FILE = "file";
  /**
   * Numeric doc values: the {@link FileStamp} of a single-message file (Maildir, .eml) when it was
   * read, so a later run leaves the file unread while it keeps that stamp. Absent when unknown.
   */
  public static final String FILE_STAMP = "file.stamp";
  /** Stored: byte offset in the source file. */
  public static final String OFFSET = "offset";
  /** Stored: stored length in bytes. */
  public static final String LENGTH = "length";
  /** Keyword, stored: SHA-256 of the stored bytes. */
  public static final String SHA256 = "sha256";
  /** Stored: the mbox {@code From } line, when the source is an mbox. */
  public static final String ENVELOPE = "envelope";
  /** Keyword, stored: Message-ID without angle brackets. */
  public static final String MESSAGE_ID = "msgid";
  /** Keyword, stored: In-Reply-To id. */
  public static final String IN_REPLY_TO = "inreplyto";
  /** Keyword, stored: each References id. */
  public static final String REFERENCES = "references";
  /** Keyword, stored, sorted doc values: the thread id (see {@link ThreadKey}). */
  public static final String THREAD = "thread";
  /** Long point, numeric doc values, stored: Date as epoch milliseconds. */
  public static final String DATE = "date";
  /** Stored: Date as written in ISO form with its offset. */
  public static final String DATE_TEXT = "date.text";
  /** Long point, numeric doc values, stored: stored length, for {@code size:}. */
  public static final String SIZE = "size";
  /** Text, stored: decoded Subject. */
  public static final String SUBJECT = "subject";
  /** Text: readable body text. */
  public static final String BODY = "body";
  /** Stored: the first From address, displayed. */
  public static final String FROM_DISPLAY = "from.display";
  /** Stored: the To addresses, displayed. */
  public static final String TO_DISPLAY = "to.display";
  /** Sorted-set doc values and keyword: domains of To, Cc and Bcc together. */
  public static final String RECIPIENT_DOMAIN = "rcpt.domain";
  /** Keyword: lower-cased names of all top-level header fields. */
  public static final String HEADER_NAMES = "header.names";
  /**
   * Prefix of the per-header text fields: {@code header.x-mailer}. Subject and the address
   * headers are not indexed twice: their {@code header.NAME} is the subject or role text field
   * (see {@link #headerField}).
   */
  public static final String HEADER_PREFIX = "header.";
  /** Keyword: flags for {@code has:} (attachment, bounce, problem, hops, references). */
  public static final String HAS = "has";

  /** Keyword and sorted-set doc values: lower-cased attachment file names. */
  public static final String ATTACHMENT_NAME = "attachment.name";
  /** Text: attachment file names, analysed. */
  public static final String ATTACHMENT_TEXT = "attachment.text";
  /** Keyword, sorted-set doc values: attachment content types. */
  public static final String ATTACHMENT_TYPE = "attachment.type";
  /** Long point: attachment sizes. */
  public static final String ATTACHMENT_SIZE = "attachment.size";
  /** Keyword: attachment SHA-256s. */
  public static final String ATTACHMENT_SHA256 = "attachment.sha256";
  /** Int point, numeric doc values: number of attachments. */
  public static final String ATTACHMENTS = "attachments";

  /** Keyword: hop IPs. */
  public static final String HOP_IP = "hop.ip";
  /** Keyword, sorted-set doc values: hop host names (from, by, reverse DNS). */
  public static final String HOP_HOST = "hop.host";
  /** Keyword: hop HELO names. */
  public static final String HOP_HELO = "hop.helo";
  /** Keyword: hop protocols, lower case (esmtps, lmtp, ...). */
  public static final String HOP_PROTOCOL = "hop.protocol";
  /** Keyword: hop TLS versions and ciphers lower-cased, plus "yes" or "no" per hop. */
  public static final String HOP_TLS = "hop.tls";
  /** Long point: per-hop delay in seconds. */
  public static final String HOP_DELAY = "hop.delay";
  /** Int point, numeric doc values: number of hops. */
  public static final String HOPS = "hops";
  /** Long point, numeric doc values: total delay in seconds. */
  public static final String DELAY = "delay";
  /** Text: hop anomalies. */
  public static final String ANOMALY = "anomaly";

  /** Keyword: report kind (bounce, delay, delivered, feedback, autoreply). */
  public static final String REPORT_KIND = "report";
  /** Keyword: bounced recipient addresses. */
  public static final String BOUNCE_RECIPIENT = "bounce.recipient";
  /** Keyword, sorted-set doc values: enhanced status codes. */
  public static final String BOUNCE_STATUS = "bounce.status";
  /** Keyword: SMTP reply codes. */
  public static final String BOUNCE_CODE = "bounce.code";
  /** Keyword, sorted-set doc values: reasons in Sisimai's lower-case names. */
  public static final String BOUNCE_REASON = "bounce.reason";
  /** Keyword: "hard" or "soft" per failed recipient. */
  public static final String BOUNCE_TYPE = "bounce.type";
  /** Keyword, sorted-set doc values: remote MTAs that answered. */
  public static final String BOUNCE_REMOTE = "bounce.remote";
  /** Keyword: the reporting MTA. */
  public static final String BOUNCE_MTA = "bounce.mta";
  /** Text: diagnostic text. */
  public static final String BOUNCE_DIAGNOSTIC = "bounce.diagnostic";

  /** Keyword: the DKIM, SPF and DMARC verdicts of the newest server that stated one ("auth.dkim" ...). */
  public static final String AUTH_PREFIX = "auth.";
  /** Keyword, sorted-set doc values: the d= domains of the DKIM-Signature fields. */
  public static final String DKIM_DOMAIN = "dkim.domain";
  /** Keyword, sorted-set doc values: the verified DKIM result, when the run had keys. */
  public static final String DKIM_RESULT = "dkim.result";

  /** Text: parse problems. */
  public static final String PROBLEM = "problem";
  /** Int point, numeric doc values: number of problems. */
  public static final String PROBLEMS = "problems";
  /**
   * Numeric doc values, updated after each run: bit 1 when another message has the same bytes,
   * bit 2 when another message has the same Message-ID and other bytes.
   */
  public static final String DUPLICATE = "dup";

  /** Duplicate flag: same SHA-256 elsewhere. */
  public static final long DUP_SHA256 = 1;
  /** Duplicate flag: same Message-ID with different bytes. */
  public static final long DUP_MESSAGE_ID = 2;

  /** Address roles, each with {@code role} (keyword), {@code role.domain} and {@code role.text}. */
  public static final List<String> ROLES =
      List.of("from", "sender", "reply-to", "to", "cc", "bcc", "delivered-to", "return-path");

  /**
   * The text field holding the value of a header, by lower-case name: {@code header.NAME}, except
   * Subject and the address headers of {@link #ROLES}, already analysed in {@link #SUBJECT} and
   * the role text fields from their decoded values.
   */
  public static String headerField(String lowerName) {
    return switch (lowerName) {
      case "subject" -> SUBJECT;
      case "from", "sender", "reply-to", "to", "cc", "bcc", "delivered-to", "return-path" -> addressText(lowerName);
      default -> HEADER_PREFIX + lowerName;
    };
  }

  /** The keyword field of full addresses in a role. */
  public static String address(String role) {
    return role;
  }

  /** The keyword field (with sorted-set doc values) of the domains in a role. */
  public static String domain(String role) {
    return role + ".domain";
  }

  /** The text field of addresses and names in a role. */
  public static String addressText(String role) {
    return role + ".text";
  }
}
