package dev.mailtrace.search;

import dev.mailtrace.index.MessageFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The fields {@code mailtrace stats --by} counts by, read from doc values. */
public enum StatsField {
  SENDER_DOMAIN(MessageFields.domain("from"), "sender-domain", "from-domain", "from.domain", "domain"),
  SENDER(MessageFields.address("from"), "sender", "from"),
  RECIPIENT_DOMAIN(MessageFields.RECIPIENT_DOMAIN, "recipient-domain", "to-domain", "rcpt.domain", "rcpt-domain"),
  DAY(MessageFields.DATE, "day"),
  MONTH(MessageFields.DATE, "month"),
  YEAR(MessageFields.DATE, "year"),
  BOUNCE_REASON(MessageFields.BOUNCE_REASON, "bounce-reason", "bounce.reason", "reason"),
  BOUNCE_STATUS(MessageFields.BOUNCE_STATUS, "bounce-status", "bounce.status", "status"),
  REMOTE_HOST(MessageFields.BOUNCE_REMOTE, "remote-host", "bounce.remote", "remote"),
  HOP_HOST(MessageFields.HOP_HOST, "hop-host", "hop.host"),
  DKIM_DOMAIN(MessageFields.DKIM_DOMAIN, "dkim-domain", "dkim.domain"),
  DKIM_RESULT(MessageFields.DKIM_RESULT, "dkim-result", "dkim.result"),
  ATTACHMENT_TYPE(MessageFields.ATTACHMENT_TYPE, "attachment-type", "attachment.type", "mimetype"),
  THREAD(MessageFields.THREAD, "thread");

  private final String field;
  private final List<String> names;

  StatsField(String field, String... names) {
    this.field = field;
    this.names = List.of(names);
  }

  /** The index field counted. */
  String field() {
    return field;
  }

  /** The name users write after {@code --by}. */
  public String label() {
    return names.get(0);
  }

  /** The field for a name as written, or null. */
  public static StatsField of(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
    for (StatsField f : values()) {
      if (f.names.contains(n)) {
        return f;
      }
    }
    return null;
  }

  /** Every accepted name, for an error message. */
  public static List<String> labels() {
    List<String> out = new ArrayList<>();
    for (StatsField f : values()) {
      out.add(f.label());
    }
    return out;
  }
}
