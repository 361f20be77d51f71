package dev.mailtrace.bounce;

import java.util.List;

/**
 * Reply texts and error codes of large mail providers whose meaning their own postmaster pages
 * publish: a verdict found here overrides the general phrase rules, because the provider's words
 * mean something narrower than they seem (Yahoo's "temporarily deferred due to ... user
 * complaints" is a refusal of the sender, Mimecast's "security policies" a virus verdict). Only
 * phrases and codes that name their provider unmistakably belong here.
 */
final class Providers {
  private Providers() {}

  private record Rule(String phrase, Reason reason) {}

  private static final List<Rule> PHRASES =
      List.of(
          // Yahoo Inc. (senders.yahooinc.com/smtp-error-codes): TSS04, TSS09 and TSS11 refuse
          // the sender, not the recipient
          new Rule(
              "temporarily deferred due to unexpected volume or user complaints", Reason.REJECTED),
          new Rule("due to unresolvable rfc.5321", Reason.REJECTED),
          new Rule(" will be permanently deferred", Reason.REJECTED),
          new Rule("user is receiving mail too quickly", Reason.SPEEDING),
          new Rule("not accepted for policy reasons", Reason.POLICYVIOLATION),
          new Rule("headers are not rfc compliant", Reason.NOTCOMPLIANTRFC),
          new Rule("yahoo requires all senders to authenticate", Reason.AUTHFAILURE),
          // Mimecast (community.mimecast.com, "Mimecast SMTP error codes")
          new Rule("email rejected due to security policies", Reason.VIRUSDETECTED),
          new Rule("host network not allowed", Reason.POLICYVIOLATION),
          new Rule("host network, not allowed", Reason.POLICYVIOLATION),
          new Rule("anti-spoofing policy - inbound not allowed", Reason.POLICYVIOLATION),
          new Rule("message bounced due to content examination policy", Reason.POLICYVIOLATION),
          new Rule("envelope blocked - user entry", Reason.REJECTED),
          new Rule("envelope blocked - user domain entry", Reason.REJECTED),
          new Rule("administrative prohibition envelope blocked", Reason.REJECTED),
          new Rule("spf sender invalid - envelope rejected", Reason.AUTHFAILURE),
          new Rule("dkim sender invalid - envelope rejected", Reason.AUTHFAILURE),
          new Rule("dmarc sender invalid - envelope rejected", Reason.AUTHFAILURE),
          new Rule("local ct ip reputation", Reason.BADREPUTATION),
          new Rule("maximum email size exceeded", Reason.MESGTOOBIG),
          // Google Groups and Workspace: a group that bounces posts its spam filter caught
          new Rule("was rejected due to spam classification", Reason.SPAMDETECTED),
          // GoDaddy (help article 40685) wording without an IB code
          new Rule("message rejected for spam or virus content", Reason.SPAMDETECTED),
          new Rule("account storage limit", Reason.MAILBOXFULL),
          // Gmail refuses a "Send mail as" alias whose outgoing server settings do not work
          new Rule("?p=customfromdenied", Reason.REJECTED));

  /**
   * Gmail's own bounces end the remote server's reply with "(state N)", the stage of Gmail's SMTP
   * client that failed: 6 and 9 are TLS, 8 AUTH, 12 relaying, 13 the greeting, 14 the recipient,
   * 15, 17 and 18 the message data (a content filter). Null without such a mark.
   */
  static Reason gmailState(String lower) {
    if (lower == null || !lower.contains("google tried to deliver your message")) {
      return null;
    }
    int at = lower.lastIndexOf(" (state ");
    if (at < 0) {
      return null;
    }
    int end = lower.indexOf(')', at);
    if (end < 0) {
      return null;
    }
    return switch (lower.substring(at + 8, end).strip()) {
      case "6", "9" -> Reason.FAILEDSTARTTLS;
      case "8" -> Reason.SYSTEMERROR;
      case "12" -> Reason.NORELAYING;
      case "13" -> Reason.BLOCKED;
      case "14" -> Reason.USERUNKNOWN;
      case "15", "17", "18" -> Reason.FILTERED;
      default -> null;
    };
  }

  /** The provider's verdict on the lower-case diagnostic, or null. */
  static Reason verdict(String lower) {
    if (lower == null || lower.isEmpty()) {
      return null;
    }
    Reason coded = goDaddy(lower);
    if (coded == null) {
      coded = orange(lower);
    }
    if (coded != null) {
      return coded;
    }
    for (Rule r : PHRASES) {
      if (lower.contains(r.phrase())) {
        return r.reason();
      }
    }
    return null;
  }

  /** GoDaddy ends its replies with a code " IBnnn" naming the cause (help article 40685). */
  private static Reason goDaddy(String lower) {
    int at = lower.indexOf(" ib");
    while (at >= 0) {
      int s = at + 3;
      if (s + 3 <= lower.length()
          && digits(lower, s, 3)
          && (s + 3 == lower.length() || !Character.isLetterOrDigit(lower.charAt(s + 3)))) {
        Reason r =
            switch (lower.substring(s, s + 3)) {
              case "401", "402" -> Reason.SECURITYERROR;
              case "501", "502" -> Reason.NOTCOMPLIANTRFC;
              case "506" -> Reason.REJECTED;
              case "508" -> Reason.AUTHFAILURE;
              case "108" -> Reason.REQUIREPTR;
              case "212" -> Reason.SPAMDETECTED;
              case "705" -> Reason.VIRUSDETECTED;
              case "605", "007" -> Reason.TOOMANYCONN;
              case "101", "504", "510", "607" -> Reason.SPEEDING;
              case "103" -> Reason.BADREPUTATION;
              case "104", "105", "106", "110", "111", "112", "113" -> Reason.BLOCKED;
              default -> null;
            };
        if (r != null) {
          return r;
        }
      }
      at = lower.indexOf(" ib", at + 3);
    }
    return null;
  }

  /**
   * Orange and La Poste end their replies with a label such as "LPN007_420", "OFR004_405" or
   * "OFR_416" whose last three digits name the cause (Orange postmaster error codes).
   */
  private static Reason orange(String lower) {
    for (String label : new String[] {"lpnaaa", "lpn", "ofr", "ouk"}) {
      int at = lower.lastIndexOf(label);
      if (at < 0 || (at > 0 && Character.isLetterOrDigit(lower.charAt(at - 1)))) {
        continue;
      }
      int end = at + label.length();
      while (end < lower.length()
          && (Character.isDigit(lower.charAt(end)) || lower.charAt(end) == '_')) {
        end++;
      }
      if (end - 3 < at + label.length() || !digits(lower, end - 3, 3)) {
        continue;
      }
      return switch (lower.substring(end - 3, end)) {
        case "101", "102", "103", "510", "999" -> Reason.BLOCKED;
        case "104" -> Reason.TOOMANYCONN;
        case "305", "402" -> Reason.SECURITYERROR;
        case "401", "517" -> Reason.AUTHFAILURE;
        case "403", "405", "415", "421" -> Reason.REJECTED;
        case "416" -> Reason.USERUNKNOWN;
        case "417" -> Reason.MAILBOXFULL;
        case "420", "426" -> Reason.SUSPEND;
        case "505" -> Reason.SYSTEMERROR;
        case "506" -> Reason.SPAMDETECTED;
        case "514" -> Reason.MESGTOOBIG;
        case "630" -> Reason.POLICYVIOLATION;
        default -> null;
      };
    }
    return null;
  }

  private static boolean digits(String s, int from, int n) {
    if (from < 0 || from + n > s.length()) {
      return false;
    }
    for (int i = from; i < from + n; i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
