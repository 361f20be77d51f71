package dev.mailtrace.bounce;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides a recipient's {@link Reason} from its enhanced status code, reply code, SMTP command and
 * diagnostic text, and whether the failure is hard.
 *
 * <p>The order of the checks follows the way Sisimai decides, so that results compare with its
 * tables: a reason the format itself made explicit wins; then reasons are probed in a fixed order,
 * each by the meaning of the status code (RFC 3463) and by phrases of the diagnostic text; then
 * looser phrases and the status subject; then the action and the command. The phrase table holds
 * lower-case fragments per reason, in the languages bounces arrive in; a fragment with {@code *}
 * matches its pieces in that order.
 */
final class ReasonRules {
  private ReasonRules() {}

  /** What is known about one recipient when its reason is decided. */
  record Evidence(
      Reason preset,
      String status,
      String reply,
      String command,
      String diagnostic,
      String diagnosticType,
      String action) {}

  /** Reasons whose first guess deserves a second look with the full rules. */
  static boolean retry(Reason r) {
    return r == null
        || switch (r) {
          case UNDEFINED,
              ONHOLD,
              SYSTEMERROR,
              SECURITYERROR,
              EXPIRED,
              NETWORKERROR,
              HOSTUNKNOWN,
              USERUNKNOWN ->
              true;
          default -> false;
        };
  }

  private static boolean explicit(Reason r) {
    return r != null && r != Reason.UNDEFINED && r != Reason.ONHOLD;
  }

  /** Decides the reason; never null. */
  static Reason decide(Evidence e) {
    MEMO.get().clear();
    try {
      return decideOnce(e);
    } finally {
      MEMO.get().clear();
    }
  }

  /**
   * Phrase matches already computed for the diagnostic being decided: each list is scanned once.
   */
  private static final class Memo {
    String text;
    final byte[] state = new byte[Reason.values().length];

    void clear() {
      text = null;
      java.util.Arrays.fill(state, (byte) 0);
    }
  }

  private static final ThreadLocal<Memo> MEMO = ThreadLocal.withInitial(Memo::new);

  private static Reason decideOnce(Evidence e) {
    if (e.preset() != null && !retry(e.preset())) {
      return e.preset();
    }
    if (e.status() != null && e.status().startsWith("2.")) {
      return Reason.DELIVERED;
    }
    String d = e.diagnostic() == null ? "" : e.diagnostic().toLowerCase(java.util.Locale.ROOT);
    Reason provider = Providers.verdict(d);
    if (provider != null) {
      // a provider's own published meaning of its reply outranks the general reading
      return provider;
    }
    Reason gmail = Providers.gmailState(d);
    if (gmail != null && (e.status() == null || e.status().contains(".0"))) {
      // Gmail's stage mark names the cause unless the remote reply carried a precise status
      return gmail;
    }
    Reason byStatus = byStatus(e.status());
    String type = e.diagnosticType();
    if (type != null && !type.startsWith("X-UNIX")) {
      // X-Postfix, X-Notes and other gateway types carry SMTP-like text; only X-Unix is local
      type = "SMTP";
    }
    if (type == null || type.equals("SMTP")) {
      for (Reason r : FIRST_ORDER) {
        if (probe(r, e, byStatus, d)) {
          return r;
        }
      }
    }
    Reason r = another(e, byStatus, d, type);
    if (explicit(r)) {
      return r;
    }
    if ("delayed".equals(e.action())) {
      return Reason.EXPIRED;
    }
    if (matches(Reason.VACATION, d)) {
      return Reason.VACATION;
    }
    if (e.preset() != null && explicit(e.preset())) {
      return e.preset();
    }
    return d.isBlank() || isLeadIn(d) ? Reason.UNDEFINED : Reason.ONHOLD;
  }

  /**
   * True for text that only introduces the list of failed recipients ("Delivery to the following
   * recipients failed permanently:") and says nothing of the cause.
   */
  private static boolean isLeadIn(String d) {
    String t = d.strip();
    return t.endsWith(":") && t.indexOf(':') == t.length() - 1 && t.contains("following");
  }

  private static Reason another(Evidence e, Reason byStatus, String d, String type) {
    if (retry(byStatus) || (type != null && !type.equals("SMTP"))) {
      for (Reason r : SECOND_ORDER) {
        if (matches(r, d)) {
          return r;
        }
      }
      if (byStatus != null) {
        return byStatus;
      }
      String s = e.status();
      if (s != null && s.length() > 3) {
        if (s.startsWith(".6", 1)) {
          return Reason.CONTENTERROR;
        }
        if (s.startsWith(".7", 1)) {
          return Reason.SECURITYERROR;
        }
      }
      if (type != null && type.startsWith("X-UNIX")) {
        return Reason.MAILERERROR;
      }
      if (isSyntaxError(e)) {
        return Reason.SYNTAXERROR;
      }
      if ("delayed".equals(e.action()) || "expired".equals(e.action())) {
        return Reason.EXPIRED;
      }
      if ("EHLO".equals(e.command()) || "HELO".equals(e.command())) {
        return Reason.BLOCKED;
      }
    }
    return byStatus;
  }

  private static boolean isSyntaxError(Evidence e) {
    String reply = e.reply();
    if (reply == null) {
      return false;
    }
    // RFC 5321 section 4.2.2: 500-504 answer commands the server could not read or take
    return reply.equals("500")
        || reply.equals("501")
        || reply.equals("502")
        || reply.equals("503")
        || reply.equals("504");
  }

  private static final Set<String> BEFORE_DATA =
      Set.of("CONN", "EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT");

  private static boolean probe(Reason r, Evidence e, Reason byStatus, String d) {
    if (e.preset() == r) {
      return true;
    }
    String command = e.command();
    return switch (r) {
      case USERUNKNOWN -> {
        // an unknown address answered to MAIL FROM is the sender's (RFC 5321 section 3.3)
        if (byStatus == Reason.SUSPEND || "MAIL".equals(command)) {
          yield false;
        }
        if (byStatus == Reason.USERUNKNOWN) {
          for (Reason other : USERUNKNOWN_BUT) {
            if (matches(other, d)) {
              yield false;
            }
          }
          yield true;
        }
        // after DATA an "unknown user" is a filter's verdict, so only RCPT counts (see FILTERED)
        yield "RCPT".equals(command) && matches(Reason.USERUNKNOWN, d);
      }
      case FILTERED -> {
        if (byStatus == Reason.FILTERED) {
          yield matches(Reason.USERUNKNOWN, d) || matches(Reason.FILTERED, d);
        }
        if (command != null && BEFORE_DATA.contains(command)) {
          yield false;
        }
        yield matches(Reason.FILTERED, d) || matches(Reason.USERUNKNOWN, d);
      }
      case REJECTED -> {
        if (byStatus == Reason.REJECTED) {
          yield true;
        }
        if ("MAIL".equals(command)) {
          yield byStatus == Reason.USERUNKNOWN || matches(Reason.REJECTED, d);
        }
        if ("DATA".equals(command) && byStatus != Reason.USERUNKNOWN) {
          yield matches(Reason.REJECTED, d);
        }
        if (!explicit(byStatus)
            || byStatus == Reason.SECURITYERROR
            || byStatus == Reason.SYSTEMERROR) {
          yield matches(Reason.REJECTED, d);
        }
        yield false;
      }
      case HOSTUNKNOWN ->
          byStatus == Reason.HOSTUNKNOWN
              ? !matches(Reason.NETWORKERROR, d) && !matches(Reason.NOTACCEPT, d)
              : matches(Reason.HOSTUNKNOWN, d);
      case SPAMDETECTED -> {
        if (e.status() == null) {
          yield false;
        }
        if (byStatus == Reason.SPAMDETECTED) {
          yield true;
        }
        if (command != null && BEFORE_DATA.contains(command)) {
          yield false;
        }
        yield matches(Reason.SPAMDETECTED, d);
      }
      case NOTCOMPLIANTRFC, NORELAYING, CONTENTERROR -> matches(r, d);
      // a per-mailbox limit (X.2.3) is not the system's size limit
      case MESGTOOBIG -> byStatus != Reason.EXCEEDLIMIT && (byStatus == r || matches(r, d));
      default -> byStatus == r || matches(r, d);
    };
  }

  private static final Reason[] USERUNKNOWN_BUT = {
    Reason.AUTHFAILURE,
    Reason.BLOCKED,
    Reason.MAILBOXFULL,
    Reason.HASMOVED,
    Reason.REJECTED,
    Reason.NOTACCEPT
  };

  private static final Reason[] FIRST_ORDER = {
    Reason.MAILBOXFULL,
    Reason.MESGTOOBIG,
    Reason.EXCEEDLIMIT,
    Reason.SUSPEND,
    Reason.HASMOVED,
    Reason.NORELAYING,
    Reason.AUTHFAILURE,
    Reason.USERUNKNOWN,
    Reason.FILTERED,
    Reason.REQUIREPTR,
    Reason.NOTCOMPLIANTRFC,
    Reason.BADREPUTATION,
    Reason.CONTENTERROR,
    Reason.REJECTED,
    Reason.HOSTUNKNOWN,
    Reason.SPAMDETECTED,
    Reason.SPEEDING,
    Reason.TOOMANYCONN,
    Reason.BLOCKED
  };

  private static final Reason[] SECOND_ORDER = {
    Reason.MAILBOXFULL,
    Reason.AUTHFAILURE,
    Reason.BADREPUTATION,
    Reason.SPEEDING,
    Reason.SPAMDETECTED,
    Reason.VIRUSDETECTED,
    Reason.POLICYVIOLATION,
    Reason.NORELAYING,
    Reason.SYSTEMERROR,
    Reason.NETWORKERROR,
    Reason.SUSPEND,
    Reason.CONTENTERROR,
    Reason.SYSTEMFULL,
    Reason.NOTACCEPT,
    Reason.EXPIRED,
    Reason.FAILEDSTARTTLS,
    Reason.SECURITYERROR,
    Reason.MAILERERROR
  };

  /** The reason an enhanced status code stands for on its own, or null (RFC 3463 meanings). */
  static Reason byStatus(String status) {
    if (status == null) {
      return null;
    }
    return switch (status) {
      case "2.1.5" -> Reason.DELIVERED;
      case "4.1.6", "5.1.6", "5.7.17", "5.7.18" -> Reason.HASMOVED;
      case "4.1.7", "4.1.8", "5.1.7", "5.1.8" -> Reason.REJECTED;
      case "4.1.9",
          "5.1.9",
          "4.3.3",
          "4.3.5",
          "4.4.3",
          "4.5.3",
          "4.5.5",
          "5.3.0",
          "5.3.3",
          "5.3.5",
          "5.4.3",
          "5.5.4",
          "5.5.5" ->
          Reason.SYSTEMERROR;
      case "4.2.1", "4.7.1", "4.7.2" -> Reason.BLOCKED;
      case "4.2.2", "5.2.2" -> Reason.MAILBOXFULL;
      case "4.2.3", "5.2.3" -> Reason.EXCEEDLIMIT;
      case "4.2.4", "5.1.4", "5.2.0", "5.2.1", "5.2.4" -> Reason.FILTERED;
      case "4.3.1", "4.4.5", "5.3.1" -> Reason.SYSTEMFULL;
      case "4.3.2", "5.1.10", "5.3.2", "5.7.27" -> Reason.NOTACCEPT;
      case "4.4.1", "4.4.7" -> Reason.EXPIRED;
      case "4.4.2", "4.4.4", "4.4.6", "4.4.8", "5.4.0" -> Reason.NETWORKERROR;
      case "4.6.0",
          "4.6.2",
          "4.6.5",
          "5.6.0",
          "5.6.1",
          "5.6.2",
          "5.6.3",
          "5.6.5",
          "5.6.6",
          "5.6.7",
          "5.6.8",
          "5.6.9" ->
          Reason.CONTENTERROR;
      case "4.7.5",
          "4.7.6",
          "4.7.7",
          "4.7.12",
          "4.7.15",
          "5.7.0",
          "5.7.1",
          "5.7.2",
          "5.7.3",
          "5.7.4",
          "5.7.5",
          "5.7.6",
          "5.7.7",
          "5.7.8",
          "5.7.9",
          "5.7.10",
          "5.7.11",
          "5.7.14",
          "5.7.15",
          "5.7.19" ->
          Reason.SECURITYERROR;
      case "4.7.16", "5.3.4", "5.7.16" -> Reason.MESGTOOBIG;
      case "4.7.24",
          "4.7.26",
          "5.7.20",
          "5.7.21",
          "5.7.22",
          "5.7.23",
          "5.7.24",
          "5.7.26",
          "5.7.29" ->
          Reason.AUTHFAILURE;
      case "4.7.25", "5.7.25" -> Reason.REQUIREPTR;
      case "5.1.0", "5.1.1", "5.1.3" -> Reason.USERUNKNOWN;
      case "5.1.2", "5.4.4" -> Reason.HOSTUNKNOWN;
      case "5.5.2", "5.5.6" -> Reason.SYNTAXERROR;
      case "5.5.3" -> Reason.TOOMANYCONN;
      case "5.7.13" -> Reason.SUSPEND;
      case "5.7.28" -> Reason.SPAMDETECTED;
      case "5.7.30" -> Reason.FAILEDSTARTTLS;
      default -> null;
    };
  }

  /**
   * Sisimai's hard-bounce rule: unknown users, unknown hosts and moved mailboxes are hard; a host
   * that accepts no mail is hard unless the code says the refusal is temporary; everything else
   * (full mailboxes, blocks, filters, expiry, ...) is soft.
   */
  static boolean isHard(Reason reason, String statusAndDiagnostic) {
    return switch (reason) {
      case HASMOVED, USERUNKNOWN, HOSTUNKNOWN -> true;
      case NOTACCEPT -> {
        String t = statusAndDiagnostic == null ? "" : statusAndDiagnostic;
        if (t.isBlank()) {
          yield true;
        }
        String code = Codes.findStatus(t, (char) 0);
        if (code == null) {
          code = Codes.findReply(t, (char) 0);
        }
        yield (code != null && code.startsWith("5")) || !isTemporary(t);
      }
      default -> false;
    };
  }

  /** True when the text's code or wording says the failure is temporary. */
  static boolean isTemporary(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    String code = Codes.findStatus(text, (char) 0);
    if (code == null) {
      code = Codes.findReply(text, (char) 0);
    }
    if (code != null && code.startsWith("4")) {
      return true;
    }
    String l = text.toLowerCase(java.util.Locale.ROOT);
    return l.contains(" temporar") || l.contains(" persistent");
  }

  /** True when the text's code or wording says the failure is permanent. */
  static boolean isPermanent(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    String code = Codes.findStatus(text, (char) 0);
    if (code == null) {
      code = Codes.findReply(text, (char) 0);
    }
    return (code != null && code.startsWith("5"))
        || text.toLowerCase(java.util.Locale.ROOT).contains(" permanent ");
  }

  /**
   * The status code Sisimai reports when a bounce carries none: class 5 or 4, subject 0, detail 9xx
   * naming the reason. Null for reasons without one.
   */
  static String pseudoStatus(Reason reason, boolean temporary) {
    int n =
        switch (reason) {
          case AUTHFAILURE -> 926;
          case BADREPUTATION -> 975;
          case BLOCKED -> 971;
          case CONTENTERROR -> 960;
          case EXCEEDLIMIT -> 923;
          case EXPIRED -> 947;
          case FAILEDSTARTTLS -> 976;
          case FILTERED -> temporary ? 924 : 910;
          case HASMOVED -> 916;
          case HOSTUNKNOWN -> 912;
          case MAILBOXFULL -> 922;
          case MAILERERROR -> 939;
          case MESGTOOBIG -> 934;
          case NETWORKERROR -> 944;
          case NORELAYING -> 909;
          case NOTACCEPT -> 932;
          case NOTCOMPLIANTRFC -> 974;
          case ONHOLD -> 901;
          case POLICYVIOLATION -> 972;
          case REJECTED -> 918;
          case REQUIREPTR -> 973;
          case SECURITYERROR -> 970;
          case SPAMDETECTED -> 980;
          case SPEEDING -> 946;
          case SUSPEND -> 921;
          case SYSTEMERROR -> 930;
          case SYSTEMFULL -> 931;
          case SYNTAXERROR -> 902;
          case TOOMANYCONN -> 945;
          case USERUNKNOWN -> 911;
          case UNDEFINED -> 900;
          case VIRUSDETECTED -> 981;
          default -> 0;
        };
    if (n == 0) {
      return null;
    }
    if (temporary
        && (reason == Reason.HASMOVED
            || reason == Reason.HOSTUNKNOWN
            || reason == Reason.USERUNKNOWN)) {
      return null;
    }
    return (temporary ? "4.0." : "5.0.") + n;
  }

  /** True when the lower-case text holds a phrase of any reason. */
  static boolean isKnown(String lower) {
    MEMO.get().clear();
    try {
      for (Reason r : PHRASES.keySet()) {
        if (matches(r, lower)) {
          return true;
        }
      }
      return false;
    } finally {
      MEMO.get().clear();
    }
  }

  /** True when the lower-case text holds one of the reason's phrases. */
  static boolean matches(Reason reason, String lower) {
    if (lower == null || lower.isEmpty()) {
      return false;
    }
    Memo memo = MEMO.get();
    if (memo.text != lower) {
      memo.clear();
      memo.text = lower;
    }
    byte known = memo.state[reason.ordinal()];
    if (known != 0) {
      return known == 1;
    }
    boolean hit = matchesUncached(reason, lower);
    memo.state[reason.ordinal()] = (byte) (hit ? 1 : 2);
    return hit;
  }

  private static boolean matchesUncached(Reason reason, String lower) {
    List<String> not = EXCEPT.get(reason);
    if (not != null && containsAny(lower, not)) {
      return false;
    }
    return containsAny(lower, PHRASES.get(reason));
  }

  /**
   * Phrases that show a failure answered the recipient (RCPT TO) even when the text does not name
   * the command: these are how servers say "no such recipient" at RCPT time.
   */
  static boolean pointsAtRecipient(String lower) {
    return containsAny(lower, RCPT_HINTS);
  }

  private static final List<String> RCPT_HINTS =
      List.of(
          "does not like recipient",
          "recipient name is not recognized",
          "not listed in",
          "address couldn't be found",
          "doesn't have a",
          "mailbox unavailable",
          "invalid recipient",
          "recipientnotfound",
          "recipnotfound",
          "no valid recipients",
          "address not found",
          "unknown user:",
          "final delivery userid",
          // Verizon's own notice of a refused recipient
          "error: invalid user address",
          "<*@*>: user unknown",
          "ディレクトリには見つかりません",
          "[rcpt_to]",
          "(and other recipients in the same domain)",
          "smtp:rcpt");

  private static boolean containsAny(String lower, List<String> phrases) {
    if (phrases == null) {
      return false;
    }
    for (String p : phrases) {
      int star = p.indexOf('*');
      if (star < 0) {
        if (lower.contains(p)) {
          return true;
        }
      } else if (inOrder(lower, p)) {
        return true;
      }
    }
    return false;
  }

  private static final Map<Reason, List<String>> EXCEPT = new EnumMap<>(Reason.class);

  static {
    EXCEPT.put(Reason.SPEEDING, List.of("connection rate limit"));
    EXCEPT.put(
        Reason.REJECTED,
        List.of(
            "recipient address rejected", "5.1.0 address rejected", "sender ip address rejected"));
  }

  private static boolean inOrder(String text, String pattern) {
    int from = 0;
    int start = 0;
    while (true) {
      int star = pattern.indexOf('*', start);
      String piece = star < 0 ? pattern.substring(start) : pattern.substring(start, star);
      int at = text.indexOf(piece, from);
      if (at < 0) {
        return false;
      }
      from = at + piece.length();
      if (star < 0) {
        return true;
      }
      start = star + 1;
    }
  }

  /** The first reason in table order whose phrases the text holds, or null. */
  static Reason firstMatch(String lower, Reason... order) {
    for (Reason r : order) {
      if (matches(r, lower)) {
        return r;
      }
    }
    return null;
  }

  private static final Map<Reason, List<String>> PHRASES = new EnumMap<>(Reason.class);

  static {
    PHRASES.put(
        Reason.USERUNKNOWN,
        List.of(
            "adresse inexistante",
            "utilisateur inexistant",
            "compte inexistant",
            "n'existe pas",
            "empfänger unbekannt",
            "postfach existiert nicht",
            "mailbox nicht vorhanden",
            "usuario no existe",
            "no existe el usuario",
            "casella inesistente",
            "utente non esiste",
            "destinatário desconhecido",
            "usuário desconhecido",
            "нет такого пользователя",
            "пользователь не найден",
            "用户不存在",
            "收件人不存在",
            "アドレスが存在しません",
            "invalid final delivery userid",
            "user unknown",
            "unknown user",
            "no such user",
            "no such mailbox",
            "no such recipient",
            "no such person",
            "no such address",
            "unknown recipient",
            "recipient unknown",
            "unknown mailbox",
            "mailbox unknown",
            "address unknown",
            "invalid recipient",
            "invalid mailbox",
            "invalid address",
            "mailbox not found",
            "user not found",
            "recipient not found",
            "address not found",
            "mailbox does not exist",
            "user does not exist",
            "recipient does not exist",
            "address does not exist",
            "account does not exist",
            "does not exist here",
            "not a valid mailbox",
            "not a valid recipient",
            "not a valid user",
            "is not a known user",
            "mailbox unavailable",
            "mailbox is unavailable",
            "mailbox not available",
            "user doesn't exist",
            "user not exist",
            "recipient not exist",
            "no mailbox here",
            "no mailbox by that name",
            "no account by that name",
            "bad destination mailbox",
            "recipient address rejected: user unknown",
            "recipient address rejected: unknown user",
            "recipient address rejected: invalid user",
            "recipient address rejected: access denied",
            "unknown local part",
            "unknown local-part",
            "not listed in",
            "no valid recipients",
            "email account that you tried to reach does not exist",
            "not our customer",
            "user unknown in",
            "this user doesn't have a * account",
            "user * does not exist",
            "user * was not found",
            "recipient * was not found",
            "mailbox * does not exist",
            "rcpt <* does not exist",
            "<*> not found",
            "address rejected: * does not exist",
            "unknown e*mail address",
            "this recipient is not in my validrcptto list",
            "badrcptto",
            "validrcptto",
            "said: 550 5.1.1 ",
            "mailbox is inactive",
            "user not active",
            "user account is unavailable",
            "account is unavailable",
            "no existe",
            "utilisateur inconnu",
            "destinataire inconnu",
            "adresse inconnue",
            "benutzer unbekannt",
            "unbekannter empf",
            "existiert nicht",
            "nicht gefunden",
            "sconosciuto",
            "nessun utente",
            "usuario desconocido",
            "utente inesistente",
            "destinatario sconosciuto",
            "this address no longer accepts mail",
            "there is no one at this address",
            "no one here by that name",
            "address is not valid",
            "invalid-recipient",
            "resolver.adr.recipnotfound",
            "resolver.adr.recipientnotfound",
            "recipnotfound",
            "not a local address",
            "recipient is not local",
            "mailbox not present",
            "mailbox invalid",
            "is not an active address",
            "the email address you entered couldn't be found",
            "couldn't be found",
            "address is not present in directory",
            "name directory",
            "ungültige adresse",
            "non-existent user",
            "nonexistent user",
            "doesn't have a * account",
            "ユーザが存在しません",
            "存在しない",
            "宛先不明",
            "ディレクトリには見つかりません",
            "recipient address rejected.",
            // Trend Micro InterScan: "Unable to deliver message to <a> (and other recipients in
            // the same domain)" is written when the receiving server refused the address
            "(and other recipients in the same domain)"));
    PHRASES.put(
        Reason.MAILBOXFULL,
        List.of(
            "boîte pleine",
            "postfach ist voll",
            "buzón está lleno",
            "casella di posta piena",
            "caixa postal cheia",
            "ящик переполнен",
            "邮箱已满",
            "容量超過",
            "number of messages in recipient's mailbox exceeded",
            "mailbox full",
            "mailbox is full",
            "mailbox is full",
            "mailbox has exceeded",
            "full mailbox",
            "mail box full",
            "mailfolder is full",
            "quota exceeded",
            "over quota",
            "overquota",
            "exceeded storage allocation",
            "exceeds allowed size",
            "mailbox size limit",
            "not enough space",
            "no space left",
            "quota violation",
            "exceeded quota",
            "has exceeded his quota",
            "has exceeded her quota",
            "disk quota",
            "mailbox * quota",
            "maildir * quota",
            "account is * quota",
            "quota * exceeded",
            "mailbox * exceeded * limit",
            "mailbox * full",
            "enough * space",
            "user is over",
            "too many messages on the server",
            "space has been used up",
            "boite du destinataire pleine",
            "boîte aux lettres pleine",
            "postfach voll",
            "speicherplatz",
            "casella piena",
            "buzón lleno",
            "buzon lleno",
            "mailbox would exceed",
            "inbox is full",
            "is over quota",
            "recipient's mailbox is full",
            "storage quota",
            "容量オーバー",
            "メールボックスがいっぱい"));
    PHRASES.put(
        Reason.MESGTOOBIG,
        List.of(
            "line limit exceeded",
            "mail size limit exceeded",
            "message too big",
            "message too large",
            "message is too large",
            "message is too big",
            "message size exceeds",
            "message size limit",
            "size exceeds the maximum",
            "exceeds the maximum message size",
            "exceeds size limit",
            "message exceeds maximum size",
            "message length exceeds",
            "mail size limit",
            "too big for system",
            "message file too big",
            "exceeded maximum inbound message size",
            "the message was too large",
            "taille limite"));
    PHRASES.put(
        Reason.EXCEEDLIMIT,
        List.of(
            "message too large for this recipient",
                "exceeds the message size limit of the recipient",
            "message length exceeds administrative limit", "exceeds recipient's size limit"));
    PHRASES.put(
        Reason.SUSPEND,
        List.of(
            "account that you tried to reach is disabled",
            "account disabled",
            "account has been disabled",
            "account is disabled",
            "account suspended",
            "account has been suspended",
            "account is suspended",
            "mailbox disabled",
            "mailbox is disabled",
            "mailbox has been disabled",
            "mailbox suspended",
            "user suspended",
            "recipient suspended",
            "account inactive",
            "account is inactive",
            "inactive account",
            "account expired",
            "account has expired",
            "currently suspended",
            "disabled recipient",
            "temporarily disabled",
            "mailbox is frozen",
            "account is locked",
            "is not active",
            "has been deactivated",
            "not receiving mail",
            "boite du destinataire archivee",
            "user account disabled",
            "account unavailable",
            "this account has been",
            "mailbox currently suspended",
            "recipient is inactive",
            "user is inactive",
            "mailbox unavailable or access denied",
            "deactivated",
            // au (EZweb): the subscriber's contract is stopped or limited
            "the user(s) account is disabled",
            "the user(s) account is temporarily limited"));
    PHRASES.put(
        Reason.HASMOVED,
        List.of(
            " has been replaced by ",
            "mailbox has moved",
            "address has moved",
            "user has moved",
            "no longer at this address",
            "no longer valid",
            "no forwarding address",
            "has changed their address"));
    PHRASES.put(
        Reason.NORELAYING,
        List.of(
            "not configured to relay",
            "relay access denied",
            "relaying denied",
            "relaying not permitted",
            "relaying not allowed",
            "relay not permitted",
            "relay not allowed",
            "not permitted to relay",
            "unable to relay",
            "we do not relay",
            "no relaying",
            "relaying mail to",
            "relay denied",
            "mail server permanently rejected message (#5.3.0)",
            "not local host",
            "relay prohibited",
            "that domain isn't in my list of allowed rcpthosts",
            "rcpthosts",
            "not allowed to relay",
            "is not permitted to relay through this server",
            "relay access denied",
            "relaying prohibited",
            "554 5.7.1 relaying",
            "insecure mail relay",
            "as a relay",
            "not a gateway",
            "not allowed to relay through this machine",
            "not an open relay",
            "specified domain is not allowed",
            "this system is not configured to relay",
            "we don't handle mail for",
            // Amazon SES refuses to relay for an identity it has not verified
            "email address is not verified."));
    PHRASES.put(
        Reason.AUTHFAILURE,
        List.of(
            "does not have authentication information",
            "fails to pass authentication",
            "spf check: fail",
            "spf fail",
            "spf validation",
            "sender policy framework",
            "dmarc policy",
            "dmarc verification",
            "dmarc check",
            "failed dmarc",
            "dkim verification failed",
            "failed spf",
            "spf (sender policy framework)",
            "spf record",
            "bad spf",
            "spf.pobox.com",
            "authentication requirements",
            "does not pass dmarc",
            "unauthenticated email",
            "required authentication level",
            "not authorized to send on behalf",
            "5322.from address"));
    PHRASES.put(
        Reason.FILTERED,
        List.of(
            "message filtered",
            "user reject",
            "refuses to receive",
            "rejected due to user rules",
            "is not accepting any mail",
            "has restricted sms",
            "blocked by the recipient",
            "recipient preferences",
            "only accepting mail from",
            "account is protected by",
            "bounced address",
            "not found recipient account",
            "refuse to receive mail",
            "delivery not authorized",
            "blocked by recipient"));
    PHRASES.put(
        Reason.REQUIREPTR,
        List.of(
            "mismatches client ip",
            "no ptr record",
            "ptr record",
            "reverse dns",
            "reverse lookup",
            "rdns",
            "no rdns",
            "cannot find your hostname",
            "cannot resolve your address",
            "can't resolve your address",
            "reverse address",
            "client host rejected: cannot find your",
            "unresolvable relay host",
            "hostname inconsistent",
            "no reverse",
            "ip name lookup failed",
            "does not resolve",
            "reverse hostname",
            "please configure dns",
            "client host rejected: cannot find",
            "bad dns ptr",
            "fix reverse dns for",
            "missing ptr record",
            "reverse dns failed",
            "reverse dns required",
            "sender ip reverse lookup rejected",
            "invalid rdns record",
            "service permits * unverifyable sending ips",
            "service permits * unverifiable sending ips"));
    PHRASES.put(
        Reason.NOTCOMPLIANTRFC,
        List.of(
            "this message is not rfc 5322 compliant",
            "not rfc 5322 compliant",
            "rfc 5322 compliant",
            "not rfc5322 compliant",
            "multiple addresses in from",
            "duplicate header",
            "there are multiple",
            "must contain a single from",
            "header field is not compliant",
            "is not rfc compliant",
            "rfc5322",
            "rfc 5322"));
    PHRASES.put(
        Reason.BADREPUTATION,
        List.of(
            "ip address has a poor reputation",
            "poor reputation",
            "bad reputation",
            "sender reputation",
            "low reputation",
            "reputation of the sending",
            "ip reputation",
            "has been temporarily rate limited due to ip reputation",
            "domain reputation",
            "sending ip has a poor",
            "unusual rate of unsolicited mail"));
    PHRASES.put(
        Reason.CONTENTERROR,
        List.of(
            "improper use of 8-bit data",
            "message header size",
            "header size exceeds",
            "illegal characters in header",
            "message header error",
            "invalid mime",
            "mime error",
            "corrupt message",
            "message contains invalid header",
            "message contains bare",
            "bare lf",
            "bare linefeed",
            "malformed message",
            "line too long",
            "headers too long"));
    PHRASES.put(
        Reason.REJECTED,
        List.of(
            "address that has been blacklisted",
            "sender rejected",
            "sender address rejected",
            "sender denied",
            "sender blocked",
            "sender is spammer",
            "sender not pre-approved",
            "sender verify failed",
            "sender verification failed",
            "sender was rejected",
            "invalid sender",
            "bad sender",
            "sender email address rejected",
            "sender address has been blacklisted",
            "sender is in my black list",
            "domain of sender address",
            "unroutable sender",
            "empty envelope senders",
            "null sender is not allowed",
            "returned mail not accepted",
            "bogus mail from",
            "no third-party dsns",
            "mail from not owned by user",
            "administrative prohibition",
            "access denied (in reply to mail from",
            "your email address has been blacklisted",
            "address has been blacklisted",
            "sender domain is empty",
            "syntax error: empty email",
            "you are not allowed to post to this mailing list",
            "batv",
            "emetteur invalide",
            "this server does not accept mail from",
            "fully qualified email address required",
            "your access to submit messages",
            "can't determine purported responsible",
            "sender address does not exist",
            "rejected sender",
            "sender's domain",
            "list of senders to accept mail from",
            "from: domain is invalid",
            "mx records for ",
            "spam reporting address",
            "address rejected"));
    PHRASES.put(
        Reason.HOSTUNKNOWN,
        List.of(
            "domaine inexistant",
            "domain existiert nicht",
            "dominio inexistente",
            "домен не существует",
            "域名不存在",
            "host * not found",
            "host unknown",
            "unknown host",
            "domain not found",
            "no such domain",
            "domain does not exist",
            "domain must exist",
            "host or domain name not found",
            "unrouteable mail domain",
            "unroutable address",
            "unrouteable address",
            "unknown domain",
            "name or service not known",
            "domain is not reachable",
            "host unreachable",
            "mail domain mentioned in email address is unknown",
            "recipient domain must exist",
            "domain could not be found",
            "the account or domain may not exist",
            "553 * does not exist",
            "address rejected: domain not found",
            "domain doesn't exist"));
    PHRASES.put(
        Reason.SPAMDETECTED,
        List.of(
            "spam classification",
            "mail rejete. mail rejected",
            "spam detected",
            "detected as spam",
            "considered spam",
            "classified as spam",
            "identified as spam",
            "looks like spam",
            "appears to be spam",
            "is spam",
            "message is spam",
            "spam message",
            "spam content",
            "spam score",
            "spam rejected",
            "rejected as spam",
            "rejected due to spam",
            "spam not accepted",
            "spam refused",
            "spam blocked",
            "content filter rejection",
            "unsolicited",
            "bulk mail",
            "bulk email",
            "spam-like",
            "probable spam",
            "high probability of spam",
            "spamassassin",
            "message content rejected",
            "rejecting banned content",
            "message filtered. please see",
            "mail content denied",
            "spam check",
            "spambouncer",
            "scored as spam",
            "spam points",
            "contains spam",
            "as spam",
            "spam or virus",
            "greylisted * please try again in",
            "antispam",
            "anti-spam",
            "message rejected for policy reasons",
            "our system has detected that this message is",
            "spam email",
            "spamming",
            "rejected by spam",
            "too many spam",
            "too much spam",
            "recurrent pattern",
            "rejected - bulk",
            "message rejected because of unacceptable content",
            "this message has been blocked",
            "blocked for spam",
            "reject bulk",
            "uribl",
            // amavisd-new: "554 5.7.0 Reject, id=12345-09 - SPAM"
            "reject, id=* - spam"));
    PHRASES.put(
        Reason.SPEEDING,
        List.of(
            "please try again slower",
            "receiving mail at a rate",
            "rate that prevents",
            "too many messages in a short",
            "sending too fast",
            "rate limit exceeded",
            "exceeded the rate limit",
            "rate limited",
            "ratelimit",
            "too fast"));
    PHRASES.put(
        Reason.TOOMANYCONN,
        List.of(
            "connection rate limit",
            "frequency limited",
            "too many connections",
            "too many simultaneous connections",
            "too many concurrent",
            "connection limit",
            "too many sessions",
            "maximum number of connections",
            "too many smtp sessions",
            "exceeded the maximum number of connections",
            "too many recipients",
            "too many open connections",
            "too many hosts"));
    PHRASES.put(
        Reason.BLOCKED,
        List.of(
            "my name was rejected",
            "was blocked by",
            "is blocked by",
            "has been blocked by",
            "service refuse",
            "invalid ip for sending",
            "messages from * weren't sent",
            "blocked using",
            "blacklisted",
            "blocklisted",
            "block list",
            "blocklist",
            "blacklist",
            "listed at",
            "listed in",
            "rbl",
            "dnsbl",
            "spamhaus",
            "spamcop",
            "sorbs",
            "barracudacentral",
            "client host rejected",
            "ip address rejected",
            "your ip",
            "your host",
            "helo command rejected",
            "connection refused",
            "not allowed to connect",
            "no access from",
            "dynamic ip",
            "dynamic/zombied",
            "open proxy",
            "go away",
            "service not available",
            "refused to talk",
            "connection dropped",
            "connection reset",
            "rejected - see",
            "refused - see",
            "blocked - see",
            "poor reputation",
            "not accepting connections",
            "currently sending spam",
            "too many spams from your ip",
            "please use the smtp server of your isp",
            "the ip * is blacklisted",
            "access from ip address * blocked",
            "mail server at * is blocked",
            "temporarily deferred due to",
            "complaints",
            "reverse dns",
            "banned sending ip",
            "banned",
            "ip * blocked",
            "your server requires confirmation",
            "not allowed to send mail from",
            "smtp error from remote mail server after initial connection"));
    PHRASES.put(
        Reason.VIRUSDETECTED,
        List.of(
            "virus",
            "malware",
            "infected",
            "banned attachment",
            "harmful content",
            "message contains a virus",
            "dangerous attachment"));
    PHRASES.put(
        Reason.POLICYVIOLATION,
        List.of(
            "its content presents a potential",
            "local policy violation",
            "local policy",
            "denied by policy",
            "for policy reasons",
            "organizational settings",
            "organization policy",
            "illegal attachment",
            "members-only list",
            "closed mailing list",
            "header are not accepted",
            "header error",
            "protocol violation",
            "mass mailer",
            "not subscribed to this group",
            "message given low priority",
            "security policies",
            "potential security issue",
            "because the recipient is not accepting mail with",
            "messages with multiple addresses",
            "we do not accept messages containing images",
            "allowable number of posts"));
    PHRASES.put(
        Reason.SYSTEMERROR,
        List.of(
            "transaction failed",
            "service currently unavailable",
            "system error",
            "internal error",
            "server error",
            "local error",
            "mail system error",
            "temporary local problem",
            "unable to deliver to the recipient",
            "mail forwarding loop",
            "server configuration error",
            "misconfigured",
            "configuration error",
            "local configuration error",
            "input/output error",
            "i/o error",
            "internal server error",
            "problem with the remote mail server",
            "an error occurred",
            "unexpected error",
            "error in processing",
            "timeout waiting for",
            "remote server is misconfigured",
            "conversation with",
            "could not be delivered because of a problem",
            "processing error",
            "could not load drd for domain",
            "queue file write error",
            "aliasing/forwarding loop broken",
            "can't create user output file",
            "loops back to myself",
            // qmail-ldap's local delivery failures
            "ldap server",
            "ldap lookup",
            "ldap attribute",
            "automatic homedir creat"));
    PHRASES.put(
        Reason.NETWORKERROR,
        List.of(
            "able to establish an smtp connection",
            "no relevant answers",
            "too many hops",
            "hop count exceeded",
            "mail loop",
            "routing loop",
            "loop detected",
            "message looping",
            "lost connection",
            "forwarded more than the maximum",
            "nxdomain",
            "host not found, try again",
            "no route to host",
            "network is unreachable",
            "network unreachable",
            "dns lookup failure",
            "host name lookup failure",
            "name server timeout",
            "temporary lookup failure",
            "lookup failure",
            "mx lookup failed",
            "servfail",
            "no mail hosts for",
            "could not resolve",
            "unable to resolve",
            "connection lost",
            "network error",
            "bad connection",
            "unable to route",
            "connection refused by",
            "malformed or unexpected name server reply"));
    PHRASES.put(
        Reason.SYSTEMFULL,
        List.of(
            "insufficient disk space",
            "mail system full",
            "system full",
            "disk full",
            "insufficient system storage",
            "not enough disk space",
            "out of disk space",
            "out of storage",
            "file system full",
            "requested mail action aborted: exceeded storage"));
    PHRASES.put(
        Reason.NOTACCEPT,
        List.of(
            "indicated no smtp service",
            "couldn't find a mail exchanger",
            "no mx record",
            "doesn't receive email",
            "does not receive email",
            "does not accept mail",
            "not accepting mail",
            "host does not accept",
            "no mx",
            "null mx",
            "nullmx",
            "domain does not receive mail",
            "does not receive mail",
            "mail is not accepted",
            "not accepting messages",
            "521 ",
            "556 ",
            "accepts no mail"));
    PHRASES.put(
        Reason.EXPIRED,
        List.of(
            "could not deliver for",
            "not delivered within",
            "did not accept our requests to connect",
            "will be retried",
            "in the queue too long",
            "giving up",
            "connection timed out",
            "timed out",
            "unable to connect",
            "could not connect",
            "couldn't connect",
            "connection refused",
            "retry timeout exceeded",
            "delivery time expired",
            "delivery expired",
            "message expired",
            "expired after",
            "queue too long",
            "in the queue too long",
            "too long in queue",
            "could not be delivered for",
            "giving up on",
            "have been failing for a long time",
            "has been delayed",
            "unable to deliver message after multiple retries",
            "was not reachable within the allowed queue period",
            "message timed out",
            "server did not respond",
            "retry time not reached",
            "delivery attempts will continue",
            "not been collected after",
            "failed to deliver to domain",
            "could not find a gateway",
            "timeout exceeded",
            "time limit exceeded",
            "maximum time",
            "remained on the server for too long",
            "retry period"));
    PHRASES.put(
        Reason.FAILEDSTARTTLS,
        List.of(
            "does not support tls",
            "not support starttls",
            "starttls is required",
            "must issue a starttls",
            "tls required",
            "requires tls",
            "tls is required",
            "encryption required",
            "tls handshake failed",
            "starttls failed",
            "failed to establish tls",
            "tls negotiation failed",
            "cannot start tls",
            "requiretls",
            "tls connection required"));
    PHRASES.put(
        Reason.SECURITYERROR,
        List.of(
            "turn on smtp authentication",
            "authentication required",
            "authentication failed",
            "authentication credentials invalid",
            "authentication mechanism is too weak",
            "sender not authenticated",
            "smtp auth required",
            "must be authenticated",
            "not authenticated",
            "unauthenticated",
            "security policy",
            "cryptographic",
            "certificate"));
    PHRASES.put(
        Reason.MAILERERROR,
        List.of(
            "no such file or directory",
            "failed to read response template",
            "command died with status",
            "command failed",
            "pipe to |",
            "mail delivery failed: returning message",
            "x-unix;",
            "procmail",
            "exit code",
            "exited with",
            "died on signal",
            "local delivery failed",
            "mailer error",
            "could not be delivered to the program",
            "error in local delivery",
            "command output:",
            "unable to execute",
            "permission denied"));
    PHRASES.put(
        Reason.VACATION,
        List.of(
            "i am away",
            "i'm away",
            "i am out of the office",
            "i'm out of the office",
            "out of office",
            "on vacation",
            "on holiday",
            "away from my email",
            "currently out",
            "will be back",
            "abwesend",
            "nicht im büro",
            "absent du bureau",
            "en vacances",
            "fuera de la oficina",
            "fuori ufficio",
            "不在"));
  }
}
