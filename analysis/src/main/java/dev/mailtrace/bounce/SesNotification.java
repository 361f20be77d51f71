package dev.mailtrace.bounce;

import java.util.ArrayList;
import java.util.List;

/**
 * Amazon SES event notifications delivered by mail through SNS: a JSON document with {@code
 * notificationType} Bounce, Complaint or Delivery. Read with a small scanner for the few fields
 * needed (no JSON library at run time); anything unexpected gives null.
 */
final class SesNotification {
  private SesNotification() {}

  /** One recipient of the notification. */
  record Entry(String address, String action, String status, String diagnostic) {}

  /** The kind, feedback type and recipients of a notification, or null when the text is not one. */
  record Parsed(
      ReportKind kind,
      String feedbackType,
      String reportingMta,
      String messageId,
      List<Entry> entries) {}

  /** True when a message looks like an SNS notification mail (cheap header check). */
  static boolean looksLikeOne(String lowerSubject, String from) {
    return lowerSubject.equals("aws notification message")
        || (from != null && from.endsWith("sns.amazonaws.com"));
  }

  static Parsed parse(String text) {
    int start = text.indexOf("{\"notificationType\"");
    if (start < 0) {
      start = text.indexOf("\"notificationType\"");
      if (start < 0) {
        return null;
      }
    }
    // SNS wraps long lines with "!" and a line break; the JSON itself has no raw line breaks
    String json = text.substring(start).replace("!\n ", "").replace("\n", "");
    String type = string(json, "notificationType", 0);
    if (type == null) {
      return null;
    }
    List<Entry> entries = new ArrayList<>();
    String mta = string(json, "reportingMTA", 0);
    String messageId = string(json, "messageId", Math.max(0, json.indexOf("\"mail\"")));
    switch (type) {
      case "Bounce" -> {
        for (String o : objects(json, "bouncedRecipients")) {
          entries.add(
              new Entry(
                  string(o, "emailAddress", 0),
                  string(o, "action", 0),
                  string(o, "status", 0),
                  string(o, "diagnosticCode", 0)));
        }
        return new Parsed(ReportKind.BOUNCE, null, mta, messageId, entries);
      }
      case "Complaint" -> {
        for (String o : objects(json, "complainedRecipients")) {
          entries.add(new Entry(string(o, "emailAddress", 0), null, null, null));
        }
        String fb = string(json, "complaintFeedbackType", 0);
        return new Parsed(ReportKind.FEEDBACK, fb == null ? "abuse" : fb, mta, messageId, entries);
      }
      case "Delivery" -> {
        int d = json.indexOf("\"delivery\"");
        String response = string(json, "smtpResponse", Math.max(0, d));
        for (String a : strings(json, "recipients", Math.max(0, d))) {
          entries.add(new Entry(a, "delivered", Codes.findStatus(response, '2'), response));
        }
        return new Parsed(
            ReportKind.DELIVERED,
            null,
            string(json, "reportingMTA", Math.max(0, d)),
            messageId,
            entries);
      }
      default -> {
        return null;
      }
    }
  }

  /** The string value of the first {@code "key":"..."} at or after {@code from}, unescaped. */
  static String string(String json, String key, int from) {
    String k = "\"" + key + "\"";
    int at = json.indexOf(k, from);
    if (at < 0) {
      return null;
    }
    int i = at + k.length();
    while (i < json.length() && (json.charAt(i) == ' ' || json.charAt(i) == ':')) {
      i++;
    }
    if (i >= json.length() || json.charAt(i) != '"') {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (i++; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\' && i + 1 < json.length()) {
        char e = json.charAt(++i);
        sb.append(
            switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> e;
            });
      } else if (c == '"') {
        return sb.toString();
      } else {
        sb.append(c);
      }
    }
    return null;
  }

  /** The objects of the array {@code "key":[{...},{...}]}, each as its own text. */
  static List<String> objects(String json, String key) {
    List<String> out = new ArrayList<>();
    int at = json.indexOf("\"" + key + "\"");
    if (at < 0) {
      return out;
    }
    int i = json.indexOf('[', at);
    int depth = 0;
    int objStart = -1;
    boolean inString = false;
    for (; i >= 0 && i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == '"') {
        inString = true;
      } else if (c == '{') {
        if (depth++ == 0) {
          objStart = i;
        }
      } else if (c == '}') {
        if (--depth == 0 && objStart >= 0) {
          out.add(json.substring(objStart, i + 1));
        }
      } else if (c == ']' && depth == 0) {
        break;
      }
    }
    return out;
  }

  /** The strings of the array {@code "key":["a","b"]} at or after {@code from}. */
  static List<String> strings(String json, String key, int from) {
    List<String> out = new ArrayList<>();
    int at = json.indexOf("\"" + key + "\"", from);
    if (at < 0) {
      return out;
    }
    int i = json.indexOf('[', at);
    int end = i < 0 ? -1 : json.indexOf(']', i);
    if (end < 0) {
      return out;
    }
    String inner = json.substring(i + 1, end);
    int q = inner.indexOf('"');
    while (q >= 0) {
      int e = inner.indexOf('"', q + 1);
      if (e < 0) {
        break;
      }
      out.add(inner.substring(q + 1, e));
      q = inner.indexOf('"', e + 1);
    }
    return out;
  }
}
