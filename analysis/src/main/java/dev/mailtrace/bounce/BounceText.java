package dev.mailtrace.bounce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a human-readable bounce body (any MTA, any language) as plain text: which recipients failed
 * and what was said about each.
 *
 * <p>General mechanism rather than one module per MTA: a recipient line is a line that starts with
 * an address (bare, in angle brackets or after a label such as {@code RCPT TO:}); the lines after
 * it up to the next recipient line are its diagnostic; where those say nothing, nearby paragraphs
 * with an SMTP reply, an enhanced status code or a failure phrase stand in. The returned original
 * message, when inline, is cut off at its marker line first.
 */
final class BounceText {
  private BounceText() {}

  /** One recipient found in the text with the lines said about it. */
  record Finding(String recipient, String diagnostic, String context) {}

  /** The text before the inline original message, and the original's header lines (or null). */
  record Split(String report, String originalHeaders) {}

  private static final String[] ORIGINAL_MARKERS = {
    "below this line is a copy of the message",
    "this is a copy of the message",
    "original message follows",
    "----- original message -----",
    "unsent message follows",
    "-----original message-----",
    "--- original message ---",
    "original message ---",
    "unsent message below",
    "the header of the original message",
    "headers of the original message",
    "----- message header follows",
    "original message header",
    "----- returned message",
    "returned message follows",
    "--- the message follows",
    "message header follows",
    "content-type: message/rfc822",
    "message text follows",
    "------ original message header",
    "---- start of returned message",
    "included is a copy",
    "----- original message header",
    "original mail follows",
    "the headers of your message",
    "here are the first few lines",
    "copy of the original message",
    "original message headers",
    "--- below is the original",
    "your message reads",
    "original message:",
    "----- forwarded message",
    "begin original message",
    "-- original message",
    "原文",
    "元のメッセージ"
  };

  /** Cuts the text at the first marker of an inline returned message. */
  static Split split(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    int best = -1;
    for (String m : ORIGINAL_MARKERS) {
      int at = lower.indexOf(m);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
      }
    }
    if (best < 0) {
      return new Split(text, null);
    }
    int lineStart = text.lastIndexOf('\n', best) + 1;
    int lineEnd = text.indexOf('\n', best);
    String rest = lineEnd < 0 ? "" : text.substring(lineEnd + 1);
    return new Split(text.substring(0, lineStart), rest);
  }

  private static final String[] LABELS = {
    "original-recipient:",
    "final-recipient:",
    ">>> rcpt to:",
    "rcpt to:",
    "recipient:",
    "recipients:",
    "recipient address:",
    "failed recipient:",
    "failed address:",
    "address:",
    "invalid recipient:",
    "unknown recipient:",
    "destinataire :",
    "destinataire:",
    "empfänger:",
    "destinatario:",
    "mailbox:",
    "e-mail:",
    "email:",
    "user:",
    "for <",
    "<<< rcpt to:"
  };

  /**
   * Finds failed recipients in the report text; {@code exclude} holds addresses that are the
   * bounce's own sender and receiver.
   */
  static List<Finding> scan(String report, Set<String> exclude) {
    return scan(report, exclude, exclude);
  }

  /**
   * Finds failed recipients; {@code strictExclude} applies to lines that start with an address,
   * {@code looseExclude} to addresses mentioned inside sentences.
   */
  static List<Finding> scan(String report, Set<String> strictExclude, Set<String> looseExclude) {
    Set<String> exclude = strictExclude;
    List<String> lines = unquoted(lines(report));
    int n = lines.size();
    String[] addressAt = new String[n];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      String a = recipientOf(lines.get(i), exclude);
      if (a != null
          && looseExclude.contains(a)
          && !lines.get(i).strip().toLowerCase(Locale.ROOT).startsWith(a)
          && Character.isDigit(lines.get(i).strip().charAt(0))) {
        // "550 5.2.0 <sender@...> From: domain is invalid": a reply about the sender
        a = null;
      }
      if (a != null && previousSaysSender(lines, i)) {
        // Exim's "A message sent by <sender> could not be delivered": the sender, not a recipient
        a = null;
      }
      addressAt[i] = a;
      any |= a != null;
    }
    if (!any) {
      // no line starts with a recipient: take addresses named inside sentences about delivery
      for (int i = 0; i < n; i++) {
        addressAt[i] = mentionedRecipient(lines.get(i), looseExclude);
      }
    }
    Map<String, StringBuilder> diag = new LinkedHashMap<>();
    Map<String, Integer> firstLine = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String addr = addressAt[i];
      if (addr == null) {
        continue;
      }
      StringBuilder sb = diag.computeIfAbsent(addr, k -> new StringBuilder());
      firstLine.putIfAbsent(addr, i);
      String first = lines.get(i).strip().toLowerCase(Locale.ROOT);
      // "550 5.1.1 <addr>... User unknown": the codes before the address belong to the diagnostic
      boolean codesFirst = !first.isEmpty() && Character.isDigit(first.charAt(0));
      String rest = afterAddress(lines.get(i), addr);
      if (sb.length() == 0 && codesFirst) {
        append(sb, serverReplyBefore(lines, addressAt, i, addr));
      }
      append(sb, codesFirst && Codes.findReply(rest, (char) 0) == null ? lines.get(i) : rest);
      int j = i + 1;
      boolean sawText = false;
      int paragraphs = 0;
      for (; j < n && j < i + 25; j++) {
        String l = lines.get(j);
        String other = addressAt[j];
        if (other != null && !other.equals(addr)) {
          break;
        }
        if (l.isBlank()) {
          if (sawText || sb.length() > 0) {
            if (telling(sb)) {
              break;
            }
          }
          paragraphs++;
          if (paragraphs > 3) {
            break;
          }
          continue;
        }
        if ((isChatter(l) && sawText && telling(sb)) || looksLikeHeader(l) || startsSession(l)) {
          break;
        }
        sawText = true;
        append(
            sb,
            other != null && l.strip().toLowerCase(Locale.ROOT).startsWith(addr)
                ? afterAddress(l, addr)
                : l);
      }
      i = j - 1;
    }
    List<Finding> out = new ArrayList<>();
    String[] lowerLines = new String[n];
    for (Map.Entry<String, StringBuilder> e : diag.entrySet()) {
      String addr = e.getKey();
      String d = oneLine(e.getValue().toString());
      String context = contextOf(lines, lowerLines, addr, firstLine.get(addr));
      out.add(new Finding(addr, d, context));
    }
    return out;
  }

  /**
   * Sendmail's transcript shows the remote server's answer ("<<< 550 ...") on the lines before
   * the recipient's own error line ("554 <rcpt>... Remote protocol error"): that answer is the
   * real cause, so it leads the diagnostic. Empty when no such lines come right before.
   */
  private static String serverReplyBefore(
      List<String> lines, String[] addressAt, int i, String addr) {
    StringBuilder heard = new StringBuilder();
    for (int k = i - 1; k >= 0 && k >= i - 12; k--) {
      String l = lines.get(k).strip();
      if (addressAt[k] != null && !addressAt[k].equals(addr)) {
        break;
      }
      if (l.startsWith("<<< ")) {
        heard.insert(0, l.substring(4) + " ");
      } else if (!l.startsWith(">>> ") && !(startsSession(l) && Character.isDigit(l.charAt(0)))) {
        break;
      }
    }
    return heard.toString();
  }

  /**
   * True for a line that starts another part of a Sendmail transcript: a new SMTP session
   * ("While talking to host:", ">>> command") or a per-host status line ("421 example.org
   * (smtp)... Deferred"), which belong to no earlier recipient.
   */
  private static boolean startsSession(String line) {
    String t = line.strip();
    if (t.startsWith(">>> ")) {
      return true;
    }
    if (t.regionMatches(true, 0, "while talking to ", 0, 17)
        || t.regionMatches(true, 0, "... while talking to ", 0, 21)) {
      return true;
    }
    if (t.length() > 8
        && Character.isDigit(t.charAt(0))
        && Character.isDigit(t.charAt(1))
        && Character.isDigit(t.charAt(2))
        && t.charAt(3) == ' ') {
      int sp = t.indexOf(' ', 4);
      return sp > 4 && t.startsWith(" (", sp) && t.indexOf(")... ", sp) > sp;
    }
    return false;
  }

  private static boolean previousSaysSender(List<String> lines, int i) {
    for (int k = i - 1; k >= 0 && k >= i - 2; k--) {
      String l = lines.get(k).strip().toLowerCase(Locale.ROOT);
      if (l.isEmpty()) {
        continue;
      }
      return l.endsWith("sent by")
          || l.endsWith("sent by:")
          || l.endsWith("from:")
          || l.endsWith("sender:");
    }
    return false;
  }

  /**
   * Lines with one level of "> " quoting removed when most lines carry it (a bounce forwarded
   * inline by a person).
   */
  static List<String> unquoted(List<String> lines) {
    int quoted = 0;
    int text = 0;
    for (String l : lines) {
      if (!l.isBlank()) {
        text++;
        if (l.startsWith(">")) {
          quoted++;
        }
      }
    }
    if (text == 0 || quoted * 2 < text) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines.size());
    for (String l : lines) {
      if (l.startsWith("> ")) {
        out.add(l.substring(2));
      } else if (l.startsWith(">")) {
        out.add(l.substring(1));
      } else {
        out.add(l);
      }
    }
    return out;
  }

  /** The first address inside a line that speaks of delivery or recipients, or null. */
  private static String mentionedRecipient(String line, Set<String> exclude) {
    if (line.indexOf('@') < 0) {
      return null;
    }
    String lower = line.toLowerCase(Locale.ROOT);
    boolean speaks = false;
    for (String w : LABEL_WORDS) {
      if (lower.contains(w)) {
        speaks = true;
        break;
      }
    }
    if (!speaks) {
      return null;
    }
    for (String a : addresses(line)) {
      if (!exclude.contains(a)) {
        return a;
      }
    }
    return null;
  }

  /** Lines around every mention of the address, for finding the command in a transcript. */
  private static String contextOf(List<String> lines, String[] lower, String addr, int first) {
    StringBuilder sb = new StringBuilder();
    int mentions = 0;
    int end = Math.min(lines.size(), first + 200);
    for (int i = Math.max(0, first - 30); i < end && mentions < 6; i++) {
      String l = lines.get(i);
      if (l.indexOf('@') < 0) {
        continue;
      }
      if (lower[i] == null) {
        lower[i] = l.toLowerCase(Locale.ROOT);
      }
      if (lower[i].contains(addr)) {
        mentions++;
        for (int k = Math.max(0, i - 2); k <= i; k++) {
          sb.append(lines.get(k)).append(' ');
        }
      }
    }
    return sb.length() > 3000 ? sb.substring(0, 3000) : sb.toString();
  }

  /** Word stems that diagnostics use, in the languages bounces arrive in. */
  private static final String[] TELLING_WORDS = {
    "unknown",
    "full",
    "quota",
    "reject",
    "denied",
    "invalid",
    "exceed",
    "block",
    "spam",
    "fail",
    "error",
    "refus",
    "timed out",
    "timeout",
    "expired",
    "unavailable",
    "disabled",
    "suspend",
    "no such",
    "does not exist",
    "doesn't exist",
    "not exist",
    "not found",
    "couldn't be found",
    "unable",
    "policy",
    "virus",
    "relay",
    "not allowed",
    "not permitted",
    "too many",
    "too big",
    "too large",
    "size",
    "over",
    "inactive",
    "not accept",
    "blacklist",
    "listed",
    "not recognized",
    "no longer",
    "moved",
    "loop",
    "lookup",
    "resolve",
    "connect",
    "deferred",
    "reputation",
    "authenticat",
    "spf",
    "dkim",
    "dmarc",
    "ptr",
    "inconnu",
    "unbekannt",
    "existiert",
    "voll",
    "plein",
    "pleine",
    "inexist",
    "sconosciut",
    "desconocid",
    "存在",
    "不明",
    "一杯",
    "容量",
    "not a valid",
    "filtered",
    "not deliver",
    "undeliver",
    "mailbox",
    "recipient"
  };

  /** True when the text has something a reason can be read from: a code or a failure word. */
  static boolean telling(CharSequence text) {
    String s = text.toString();
    if (Codes.findReply(s, (char) 0) != null || Codes.findStatus(s, (char) 0) != null) {
      return true;
    }
    String l = s.toLowerCase(Locale.ROOT);
    for (String w : TELLING_WORDS) {
      if (l.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static final String[] HEADER_STARTS = {
    "received:",
    "return-path:",
    "message-id:",
    "mime-version:",
    "content-type:",
    "user-agent:",
    "x-mailer:",
    "date:",
    "from:",
    "subject:",
    "to:",
    "dkim-signature:",
    "content-transfer-encoding:"
  };

  /** True for a line that starts a header field of a quoted original message. */
  private static boolean looksLikeHeader(String line) {
    if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
      return false;
    }
    String l = line.toLowerCase(Locale.ROOT);
    for (String h : HEADER_STARTS) {
      if (l.startsWith(h)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isChatter(String line) {
    String l = line.strip().toLowerCase(Locale.ROOT);
    return l.startsWith("---") || l.startsWith("===") || l.startsWith("***") || l.startsWith("###");
  }

  /** Lines of the text that carry a code or a failure phrase: a diagnostic for the whole bounce. */
  static String generalDiagnostic(String report) {
    StringBuilder sb = new StringBuilder();
    int count = 0;
    for (String l : lines(report)) {
      if (l.isBlank()) {
        continue;
      }
      if (telling(l)) {
        append(sb, l);
        if (++count >= 6) {
          break;
        }
      }
    }
    return oneLine(sb.toString());
  }

  private static void append(StringBuilder sb, String s) {
    String t = s.strip();
    if (t.isEmpty()) {
      return;
    }
    if (sb.length() > 0) {
      sb.append(' ');
    }
    sb.append(t);
  }

  /** Collapses runs of white space into one space. */
  static String oneLine(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        space = sb.length() > 0;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < n) {
      out.add(text.substring(start));
    }
    return out;
  }

  private static String afterAddress(String line, String addr) {
    int at = line.toLowerCase(Locale.ROOT).indexOf(addr);
    if (at < 0) {
      return line;
    }
    String rest = line.substring(at + addr.length());
    int k = 0;
    while (k < rest.length() && ">:.;,\"' \t".indexOf(rest.charAt(k)) >= 0) {
      k++;
    }
    return rest.substring(k);
  }

  /** The address a recipient line names, lower case, or null when the line is not one. */
  static String recipientOf(String line, Set<String> exclude) {
    if (line.indexOf('@') < 0) {
      return null;
    }
    String t = line.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    int from = 0;
    for (String label : LABELS) {
      if (lower.startsWith(label)) {
        from = label.length();
        break;
      }
    }
    while (from < t.length() && (t.charAt(from) == ' ' || t.charAt(from) == '\t')) {
      from++;
    }
    if (from < lower.length() && lower.startsWith("rfc822;", from)) {
      from += 7;
      while (from < t.length() && t.charAt(from) == ' ') {
        from++;
      }
    }
    if (from == 0
        && t.length() > 5
        && (t.charAt(0) == '5' || t.charAt(0) == '4')
        && Character.isDigit(t.charAt(1))
        && Character.isDigit(t.charAt(2))
        && t.charAt(3) == ' ') {
      // Sendmail's "550 <user@host>... User unknown" summary lines
      from = 4;
      if (t.length() > 10
          && StatusCode.parse(
                  t.substring(4, t.indexOf(' ', 4) < 0 ? t.length() : t.indexOf(' ', 4)))
              != null) {
        from = t.indexOf(' ', 4) + 1;
      }
    }
    if (from == 0
        && t.length() > 2
        && "*-\u2022\u00b7".indexOf(t.charAt(0)) >= 0
        && t.charAt(1) == ' ') {
      // a bulleted list of recipients
      from = 2;
    }
    int k = from;
    if (from == 0) {
      String labelled = afterDeliveryLabel(lower);
      if (labelled != null) {
        return exclude.contains(labelled) ? null : labelled;
      }
    }
    if (k < t.length()
        && (t.charAt(k) == '<'
            || t.charAt(k) == '"'
            || t.charAt(k) == '\''
            || t.charAt(k) == '(')) {
      k++;
    }
    String addr = addressAt(lower, k);
    if (addr == null || exclude.contains(addr)) {
      return null;
    }
    String after = lower.substring(Math.min(lower.length(), k + addr.length()));
    if (after.contains(" wrote")
        || after.contains(" schrieb")
        || after.contains(" a \u00e9crit")
        || after.contains(" escribi")) {
      // a quote attribution in a reply, not a failed recipient
      return null;
    }
    return addr;
  }

  private static final String[] LABEL_WORDS = {
    "deliver", "recipient", "rcpt", "failed", "unknown", "invalid", "destinat", "empf\u00e4nger",
    "undeliverable", "rejected", "bounced", "could not", "unable", "error", "adresse",
        "\u5b9b\u5148",
    "wasn't delivered", "not delivered", "sent to"
  };

  /**
   * The address that ends a line of the form "Could not be delivered to: &lt;addr&gt;" whose label
   * speaks of delivery or recipients, or null.
   */
  private static String afterDeliveryLabel(String lower) {
    int colon = lower.indexOf(':');
    if (colon <= 0 || colon > 60) {
      return null;
    }
    String label = lower.substring(0, colon);
    boolean speaks = false;
    for (String w : LABEL_WORDS) {
      if (label.contains(w)) {
        speaks = true;
        break;
      }
    }
    if (!speaks && !telling(label)) {
      return null;
    }
    String rest = lower.substring(colon + 1).strip();
    if (rest.startsWith("<") && rest.endsWith(">")) {
      rest = rest.substring(1, rest.length() - 1);
    }
    String a = addressAt(rest, 0);
    return a != null && a.length() == rest.length() ? a : null;
  }

  /** The address starting exactly at {@code start} of the lower-case text, or null. */
  static String addressAt(String lower, int start) {
    int n = lower.length();
    int i = start;
    while (i < n && isLocalChar(lower.charAt(i))) {
      i++;
    }
    if (i == start || i >= n || lower.charAt(i) != '@') {
      return null;
    }
    int at = i++;
    int domainStart = i;
    while (i < n
        && (Character.isLetterOrDigit(lower.charAt(i))
            || lower.charAt(i) == '.'
            || lower.charAt(i) == '-')) {
      i++;
    }
    while (i > domainStart && lower.charAt(i - 1) == '.') {
      i--;
    }
    if (i == domainStart || lower.substring(domainStart, i).indexOf('.') < 0) {
      return null;
    }
    return lower.substring(start, at) + lower.substring(at, i);
  }

  /** Every address in the text, lower case, in order, without repeats. */
  static List<String> addresses(String text) {
    List<String> out = new ArrayList<>();
    String lower = text.toLowerCase(Locale.ROOT);
    int at = lower.indexOf('@');
    while (at >= 0) {
      int s = at;
      while (s > 0 && isLocalChar(lower.charAt(s - 1))) {
        s--;
      }
      String a = addressAt(lower, s);
      if (a != null && !out.contains(a)) {
        out.add(a);
      }
      at = lower.indexOf('@', at + 1);
    }
    return out;
  }

  private static boolean isLocalChar(char c) {
    return Character.isLetterOrDigit(c)
        || c == '.'
        || c == '_'
        || c == '-'
        || c == '+'
        || c == '='
        || c == '%'
        || c == '/'
        || c == '!'
        || c == '#'
        || c == '$'
        || c == '&'
        || c == '*'
        || c == '?'
        || c == '^'
        || c == '`'
        || c == '{'
        || c == '|'
        || c == '}'
        || c == '~'
        || c == '\'';
  }
}
