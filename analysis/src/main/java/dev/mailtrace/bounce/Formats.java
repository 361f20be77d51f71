package dev.mailtrace.bounce;

import dev.mailtrace.message.Message;
import java.util.List;

/**
 * The few bounce formats whose meaning is not in their words: a sender or layout that fixes the
 * reason by itself. Kept small on purpose; the general rules do the rest.
 */
final class Formats {
  private Formats() {}

  /**
   * True for Apple Mail's unsubscribe message: an auto-reply sent to a List-Unsubscribe mailto
   * address (RFC 2369), which is a feedback report of type opt-out in all but format.
   */
  static boolean isUnsubscribe(Message m) {
    String v = m.header("X-Apple-Unsubscribe");
    return v != null && v.strip().equalsIgnoreCase("true");
  }

  /**
   * True for a Microsoft Junk Mail Reporting Program complaint ("complaint about message from
   * 192.0.2.1"), a feedback report that predates ARF and carries the reported message attached.
   */
  static boolean isJunkMailReport(String lowerSubject) {
    return lowerSubject.strip().startsWith("complaint about message from");
  }

  /**
   * Why the fml list manager refused a post, from its notice's text or else its subject (the
   * wording of fml 4's messages), or null when the notice is about something else.
   */
  static Reason listRefusalReason(String lowerBody, String lowerSubject) {
    if (lowerBody.contains("you are not a member of this mailing list")
        || lowerBody.contains("not member article from ")
        || lowerBody.contains("reject mail from ")
        || lowerBody.contains("reject spammers:")
        || lowerBody.contains(" header may cause mail loop")) {
      return Reason.REJECTED;
    }
    if (lowerBody.contains("duplicated message-id")) {
      return Reason.NOTCOMPLIANTRFC;
    }
    if (lowerBody.contains("security alert:")) {
      return Reason.SECURITYERROR;
    }
    if (lowerBody.contains(" has detected a loop condition so that")
        || lowerBody.contains("loop back warning:")) {
      return Reason.SYSTEMERROR;
    }
    if (lowerSubject.contains(" are not member")
        || lowerSubject.contains("not member article from ")
        || lowerSubject.contains("reject mail ")
        || lowerSubject.contains("spam mail from a spammer is rejected")) {
      return Reason.REJECTED;
    }
    if (lowerSubject.contains("fml system error message")
        || lowerSubject.contains("loop alert: ")
        || lowerSubject.contains("loop back warning: ")
        || lowerSubject.contains("warning: unix from loop")) {
      return Reason.SYSTEMERROR;
    }
    return lowerSubject.contains("security alert") ? Reason.SECURITYERROR : null;
  }

  /** A reason the format fixes, or null. */
  static Reason preset(Message m, String lowerReport, List<BounceText.Finding> findings) {
    // au (EZweb) marks mail its recipient's spam filter refused with "X-SPASIGN: NG"
    String spa = m.header("X-SPASIGN");
    if (spa != null && spa.strip().equalsIgnoreCase("NG")) {
      return Reason.FILTERED;
    }
    // Google Groups answers a post it will not take (no such group, or no right to post) with a
    // page of prose and no code; the group's address is the failed recipient.
    if (lowerReport.contains("groups.google.com")) {
      for (BounceText.Finding f : findings) {
        if (f.recipient().endsWith("@googlegroups.com")) {
          return Reason.REJECTED;
        }
      }
      for (String h : m.headers("X-Failed-Recipients")) {
        if (h.toLowerCase(java.util.Locale.ROOT).contains("googlegroups.com")) {
          return Reason.REJECTED;
        }
      }
    }
    return null;
  }
}
