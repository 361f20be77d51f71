package dev.mailtrace.bounce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a message/delivery-status body (RFC 3464 section 2.2 and 2.3): one per-message
 * group, then one group per recipient.
 *
 * <p>Tolerant of what real MTAs write: folded lines, missing blank lines between groups (a second
 * Final-Recipient starts a new group), names in any case, and per-message fields that stray into
 * recipient groups. Names are kept lower case; values are unfolded and trimmed, type prefixes
 * ({@code rfc822;}, {@code smtp;}) left in place (see {@link #typed}).
 *
 * @param perMessage Reporting-MTA, Arrival-Date, Received-From-MTA, X-Postfix-Queue-ID, ...
 * @param recipients one map per recipient group, in order
 */
record DsnFields(Map<String, String> perMessage, List<Map<String, String>> recipients) {

  /** Reads delivery-status text; never throws. */
  static DsnFields parse(String text) {
    Map<String, String> perMessage = new LinkedHashMap<>();
    List<Map<String, String>> recipients = new ArrayList<>();
    if (text == null) {
      return new DsnFields(perMessage, recipients);
    }
    Map<String, String> current = null;
    boolean blankSinceField = false;
    String lastName = null;
    Map<String, String> lastMap = null;
    int n = text.length();
    int pos = 0;
    while (pos < n) {
      int end = pos;
      while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      String line = text.substring(pos, end);
      pos = end;
      if (pos < n && text.charAt(pos) == '\r') {
        pos++;
      }
      if (pos < n && text.charAt(pos) == '\n') {
        pos++;
      }
      if (line.isBlank()) {
        blankSinceField = true;
        lastName = null;
        continue;
      }
      char c0 = line.charAt(0);
      if ((c0 == ' ' || c0 == '\t') && lastName != null) {
        // RFC 5322 section 2.2.3: a folded line continues the previous field
        lastMap.merge(lastName, " " + line.strip(), String::concat);
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !isFieldName(line, colon)) {
        lastName = null;
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      boolean recipientField = isRecipientField(name);
      if (recipientField) {
        boolean starts = name.equals("final-recipient") || name.equals("original-recipient");
        if (current == null
            || (starts
                && (blankSinceField
                    || current.containsKey(name)
                    || (name.equals("original-recipient")
                        && current.containsKey("final-recipient")
                        && current.containsKey("status"))))
            || (!starts && current.containsKey(name) && blankSinceField)) {
          current = new LinkedHashMap<>();
          recipients.add(current);
        }
        current.putIfAbsent(name, value);
        lastMap = current;
      } else if (current == null || isPerMessageField(name)) {
        perMessage.putIfAbsent(name, value);
        lastMap = perMessage;
      } else {
        current.putIfAbsent(name, value);
        lastMap = current;
      }
      lastName = name;
      blankSinceField = false;
    }
    recipients.removeIf(
        m ->
            !m.containsKey("final-recipient")
                && !m.containsKey("original-recipient")
                && !m.containsKey("x-actual-recipient"));
    for (int i = 0; i < recipients.size(); i++) {
      for (int j = i + 1; j < recipients.size(); j++) {
        // some MTAs repeat a recipient group; the first is kept
        if (same(recipients.get(i), recipients.get(j))) {
          recipients.remove(j--);
        }
      }
    }
    return new DsnFields(perMessage, recipients);
  }

  private static boolean same(Map<String, String> a, Map<String, String> b) {
    String ra = address(a.getOrDefault("final-recipient", a.get("original-recipient")));
    String rb = address(b.getOrDefault("final-recipient", b.get("original-recipient")));
    return ra != null
        && ra.equals(rb)
        && java.util.Objects.equals(a.get("status"), b.get("status"))
        && java.util.Objects.equals(a.get("action"), b.get("action"));
  }

  private static boolean isFieldName(String line, int colon) {
    for (int i = 0; i < colon; i++) {
      char c = line.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  /** The value after a {@code type;} prefix, trimmed; the whole value when there is no prefix. */
  static String typed(String value) {
    if (value == null) {
      return null;
    }
    int semi = value.indexOf(';');
    if (semi > 0 && semi < 16 && isAtom(value, 0, semi)) {
      return value.substring(semi + 1).strip();
    }
    return value.strip();
  }

  /** The type before the semicolon (upper case), e.g. SMTP, X-UNIX, RFC822; null when none. */
  static String type(String value) {
    if (value == null) {
      return null;
    }
    int semi = value.indexOf(';');
    if (semi > 0 && semi < 16 && isAtom(value, 0, semi)) {
      return value.substring(0, semi).strip().toUpperCase(Locale.ROOT);
    }
    return null;
  }

  private static boolean isAtom(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == ' ')) {
        return false;
      }
    }
    return true;
  }

  /** The mailbox in an address-typed value ({@code rfc822; <User@Host>}), lower case, or null. */
  static String address(String value) {
    String v = typed(value);
    if (v == null || v.isEmpty()) {
      return null;
    }
    int lt = v.indexOf('<');
    int gt = lt >= 0 ? v.indexOf('>', lt) : -1;
    if (lt >= 0 && gt > lt) {
      v = v.substring(lt + 1, gt);
    }
    v = v.strip();
    if (v.startsWith("\"") && v.endsWith("\"") && v.length() > 1 && v.indexOf('@') < 0) {
      v = v.substring(1, v.length() - 1);
    }
    int sp = v.indexOf(' ');
    if (sp > 0 && v.indexOf('@') > 0) {
      for (String w : v.split("[\\s]+")) {
        if (w.indexOf('@') > 0) {
          v = w;
          break;
        }
      }
    }
    while (!v.isEmpty() && ";:,.\"'".indexOf(v.charAt(v.length() - 1)) >= 0) {
      v = v.substring(0, v.length() - 1);
    }
    return v.isEmpty() ? null : v.toLowerCase(Locale.ROOT);
  }

  private static boolean isRecipientField(String name) {
    return switch (name) {
      case "final-recipient",
          "original-recipient",
          "action",
          "status",
          "remote-mta",
          "diagnostic-code",
          "last-attempt-date",
          "will-retry-until",
          "x-actual-recipient",
          "final-log-id",
          "x-supplementary-info" ->
          true;
      default -> false;
    };
  }

  private static boolean isPerMessageField(String name) {
    return switch (name) {
      case "reporting-mta",
          "arrival-date",
          "received-from-mta",
          "dsn-gateway",
          "original-envelope-id",
          "x-postfix-queue-id",
          "x-postfix-sender",
          "x-original-message-id",
          "x-queue-id",
          "x-sender" ->
          true;
      default -> false;
    };
  }
}
