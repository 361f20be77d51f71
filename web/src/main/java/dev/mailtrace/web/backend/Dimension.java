package dev.mailtrace.web.backend;

/**
 * A property of messages that results are counted by (a facet, a chart's axis), with the query
 * field that selects one of its values.
 */
public enum Dimension {
  SENDER_DOMAIN("Sender domain", "from.domain"),
  RECIPIENT_DOMAIN("Recipient domain", "rcpt.domain"),
  YEAR("Year", "date"),
  MONTH("Month", "date"),
  DAY("Day", "date"),
  BOUNCE_REASON("Bounce reason", "bounce.reason"),
  BOUNCE_STATUS("Status code", "bounce.status"),
  REMOTE_HOST("Remote host", "bounce.remote"),
  HOP_HOST("Relay host", "hop.host"),
  ATTACHMENT_TYPE("Attachment type", "attachment.type");

  /** The value under which messages without one are counted. */
  public static final String NONE = "(none)";

  private final String label;
  private final String field;

  Dimension(String label, String field) {
    this.label = label;
    this.field = field;
  }

  /** The heading people read. */
  public String label() {
    return label;
  }

  /** The query-language field whose value selects one bucket ({@code date:2024-05} for a month). */
  public String field() {
    return field;
  }
}
