package dev.mailtrace.bounce;

import dev.mailtrace.message.Message;
import java.util.Locale;

/**
 * Cheap signs read from headers and short texts: does the subject announce a bounce, is the message
 * an auto-reply (RFC 3834), does the text say delivery is only delayed, which host answered.
 */
final class Signals {
  private Signals() {}

  private static final String[] BOUNCE_SUBJECTS = {
    "undeliver",
    "undelivered",
    "delivery status notification",
    "delivery failure",
    "delivery failed",
    "failure notice",
    "returned mail",
    "mail delivery failed",
    "delivery notification",
    "non-delivery",
    "nondeliverable",
    "non delivery",
    "could not be delivered",
    "couldn't be delivered",
    "not delivered",
    "delivery problem",
    "mail system error",
    "returned to sender",
    "delivery has failed",
    "message delivery",
    "failed delivery",
    "delivery report",
    "warning: could not send",
    "warning: message",
    "delayed mail",
    "delivery delayed",
    "delivery status",
    "mail could not",
    "permanent error",
    "failed mail",
    "rejected",
    "bounce",
    "unzustellbar",
    "nicht zustellbar",
    "non remis",
    "non recapitabile",
    "no entregado",
    "não entregue",
    "onbestelbaar",
    "zustellung",
    "notificación",
    "notification d'état",
    "undelivered mail",
    "mail failure",
    "error sending",
    "returned message",
    "mail returned",
    "delivery error",
    "could not send",
    "message not delivered",
    "failure delivery",
    "problem delivering",
    "delivery fail",
    "mail error",
    "message status",
    "delivery attempt",
    "配信",
    "不達",
    "エラー",
    "送信できません",
    "退信",
    "退回",
    "投递失败"
  };

  static boolean subjectSaysBounce(String lowerSubject) {
    if (lowerSubject.isEmpty()) {
      return false;
    }
    for (String s : BOUNCE_SUBJECTS) {
      if (lowerSubject.contains(s)) {
        return true;
      }
    }
    return false;
  }

  private static final String[] BOUNCE_SENTENCES = {
    "could not be delivered", "couldn't be delivered", "undeliverable", "delivery has failed",
    "delivery failed", "permanent error", "was not delivered", "wasn't delivered",
    "unable to deliver", "delivery to the following", "failed to deliver", "returned to sender"
  };

  /** True when a text (the start of it) says a message could not be delivered. */
  static boolean textSaysBounce(String text) {
    String l = text.length() > 4000 ? text.substring(0, 4000) : text;
    l = l.toLowerCase(Locale.ROOT);
    for (String s : BOUNCE_SENTENCES) {
      if (l.contains(s)) {
        return true;
      }
    }
    return false;
  }

  private static final String[] AUTO_SUBJECTS = {
    "auto reply",
    "auto-reply",
    "autoreply",
    "automatic reply",
    "auto response",
    "autoresponse",
    "auto-response",
    "automatische antwort",
    "abwesenheit",
    "out of office",
    "out of the office",
    "vacation",
    "réponse automatique",
    "reponse automatique",
    "absence",
    "respuesta automática",
    "respuesta automatica",
    "risposta automatica",
    "automatisch antwoord",
    "autosvar",
    "automaattinen vastaus",
    "odpowiedź automatyczna",
    "自動応答",
    "自动回复",
    "autorespons",
    "away from",
    "on leave",
    "fuori sede",
    "ausente"
  };

  /** RFC 3834 section 5 and the de-facto headers vacation programs add, then the subject. */
  static boolean isAutoReply(Message m, String lowerSubject, String autoSubmitted) {
    if (autoSubmitted != null
        && autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("auto-replied")) {
      return true;
    }
    if (m.header("X-Autoreply") != null
        || m.header("X-Autorespond") != null
        || m.header("X-Autoresponder") != null
        || m.header("X-Vacation") != null) {
      return true;
    }
    String precedence = m.header("Precedence");
    if (precedence != null && precedence.strip().equalsIgnoreCase("auto_reply")) {
      return true;
    }
    if (lowerSubject.isEmpty()) {
      return false;
    }
    // "Automatic reply: ...", "Out of Office : ...", "[Auto-Reply] ...": the phrase as a prefix
    for (String s : AUTO_SUBJECTS) {
      int at = lowerSubject.indexOf(s);
      if (at < 0) {
        continue;
      }
      if (at > 0 && lowerSubject.charAt(at - 1) == '[') {
        return true;
      }
      int end = at + s.length();
      while (end < lowerSubject.length() && lowerSubject.charAt(end) == ' ') {
        end++;
      }
      if (at == 0 && end < lowerSubject.length() && lowerSubject.charAt(end) == ':') {
        return true;
      }
    }
    return false;
  }

  /** True when the text says delivery is still being tried (a warning, not a bounce). */
  static boolean saysDelayed(String lower) {
    return lower.contains("will be retried")
        || lower.contains("will retry")
        || lower.contains("still trying")
        || lower.contains("will continue to try")
        || lower.contains("delivery attempts will continue")
        || lower.contains("this is a warning")
        || lower.contains("warning message only")
        || lower.contains("not yet been delivered")
        || lower.contains("has not yet been delivered")
        || lower.contains("you do not need to resend")
        || lower.contains("no action is required");
  }

  /** The remote host named in a diagnostic ("host mx.example.com[192.0.2.1] said"), or null. */
  static String remoteHost(String text) {
    if (text == null) {
      return null;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (String key :
        new String[] {
          "remote host ", "host ", "while talking to ", "remote server ", "remote-mta: dns;", "by "
        }) {
      int at = lower.indexOf(key);
      while (at >= 0) {
        int s = at + key.length();
        while (s < lower.length() && (lower.charAt(s) == ' ' || lower.charAt(s) == '[')) {
          s++;
        }
        int e = s;
        while (e < lower.length()
            && (Character.isLetterOrDigit(lower.charAt(e))
                || lower.charAt(e) == '.'
                || lower.charAt(e) == '-'
                || lower.charAt(e) == ':')) {
          e++;
        }
        String h = lower.substring(s, e);
        while (h.endsWith(".") || h.endsWith(":")) {
          h = h.substring(0, h.length() - 1);
        }
        if (h.indexOf('.') > 0
            && h.length() > 3
            && !h.endsWith(".")
            && Character.isLetterOrDigit(h.charAt(0))) {
          return h;
        }
        at = lower.indexOf(key, at + 1);
      }
    }
    return null;
  }

  /** The reporting MTA of a bounce without RFC 3464 fields: the host after the From's @. */
  static String reportingMta(Message m) {
    if (m.from().isEmpty()) {
      return null;
    }
    return m.from().get(0).domain();
  }

  /** Text of an HTML body: tags dropped, block ends as line breaks, common entities decoded. */
  static String stripHtml(String html) {
    StringBuilder sb = new StringBuilder(html.length());
    int n = html.length();
    for (int i = 0; i < n; i++) {
      char c = html.charAt(i);
      if (c == '<') {
        int end = html.indexOf('>', i);
        if (end < 0) {
          break;
        }
        String tag = html.substring(i + 1, Math.min(end, i + 8)).toLowerCase(Locale.ROOT);
        if (tag.startsWith("br")
            || tag.startsWith("p")
            || tag.startsWith("/p")
            || tag.startsWith("div")
            || tag.startsWith("/div")
            || tag.startsWith("tr")
            || tag.startsWith("/tr")
            || tag.startsWith("li")
            || tag.startsWith("/td")
            || tag.startsWith("h")) {
          sb.append('\n');
        }
        if (tag.startsWith("style") || tag.startsWith("script")) {
          int close =
              html.toLowerCase(Locale.ROOT)
                  .indexOf("</" + (tag.startsWith("style") ? "style" : "script"), end);
          end = close < 0 ? n - 1 : html.indexOf('>', close);
          if (end < 0) {
            break;
          }
        }
        i = end;
      } else if (c == '&') {
        int semi = html.indexOf(';', i);
        if (semi > i && semi - i < 8) {
          String ent = html.substring(i + 1, semi);
          String r =
              switch (ent) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "nbsp", "#160" -> " ";
                case "#39", "apos" -> "'";
                default -> null;
              };
          if (r != null) {
            sb.append(r);
            i = semi;
            continue;
          }
        }
        sb.append(c);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
