package dev.mailtrace.bounce;

import java.util.Map;

/**
 * An RFC 3463 enhanced mail system status code, {@code class.subject.detail}, with what each part
 * means.
 *
 * <p>The class says whether the outcome is a success (2), a persistent transient failure (4) or a
 * permanent failure (5); the subject says which part of the system the status is about; the detail
 * narrows it down. Descriptions follow RFC 3463 section 3 and the codes added since in the IANA
 * registry (RFC 4468, 4954, 5248, 6710, 7293, 7372, 7505, 8689).
 *
 * @param kind the class digit: 2, 4 or 5
 * @param subject the subject number, 0 to 7
 * @param detail the detail number, 0 to 999
 */
public record StatusCode(int kind, int subject, int detail) {

  public StatusCode {
    if (kind != 2 && kind != 4 && kind != 5) {
      throw new IllegalArgumentException("class must be 2, 4 or 5: " + kind);
    }
    if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
      throw new IllegalArgumentException(
          "subject or detail out of range: " + subject + "." + detail);
    }
  }

  /** Reads a code such as {@code 5.1.1}; null when the text is not one. */
  public static StatusCode parse(String text) {
    if (text == null) {
      return null;
    }
    String s = text.trim();
    int n = s.length();
    if (n < 5 || n > 9) {
      return null;
    }
    int k = s.charAt(0) - '0';
    if ((k != 2 && k != 4 && k != 5) || s.charAt(1) != '.') {
      return null;
    }
    int i = 2;
    int subject = 0;
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i)) && digits < 3) {
      subject = subject * 10 + (s.charAt(i++) - '0');
      digits++;
    }
    if (digits == 0 || i >= n || s.charAt(i) != '.') {
      return null;
    }
    i++;
    int detail = 0;
    digits = 0;
    while (i < n && Character.isDigit(s.charAt(i)) && digits < 3) {
      detail = detail * 10 + (s.charAt(i++) - '0');
      digits++;
    }
    if (digits == 0 || i != n) {
      return null;
    }
    return new StatusCode(k, subject, detail);
  }

  /** True for class 5: retrying will not help. */
  public boolean isPermanent() {
    return kind == 5;
  }

  /** True for class 4: the condition may clear and delivery may yet succeed. */
  public boolean isTransient() {
    return kind == 4;
  }

  /** True for class 2. */
  public boolean isSuccess() {
    return kind == 2;
  }

  /** What the class digit means. */
  public String classDescription() {
    return switch (kind) {
      case 2 -> "Success";
      case 4 -> "Persistent transient failure";
      default -> "Permanent failure";
    };
  }

  /** What the subject number means, or "Unknown subject". */
  public String subjectDescription() {
    return switch (subject) {
      case 0 -> "Other or undefined status";
      case 1 -> "Addressing status";
      case 2 -> "Mailbox status";
      case 3 -> "Mail system status";
      case 4 -> "Network and routing status";
      case 5 -> "Mail delivery protocol status";
      case 6 -> "Message content or media status";
      case 7 -> "Security or policy status";
      default -> "Unknown subject";
    };
  }

  /** What the subject and detail together mean, or the subject's description when unregistered. */
  public String detailDescription() {
    String d = DETAILS.get(subject * 1000 + detail);
    return d != null ? d : subjectDescription();
  }

  /** The code and its meaning in one line, e.g. {@code 5.1.1 Bad destination mailbox address}. */
  public String describe() {
    return this + " " + detailDescription() + " (" + classDescription().toLowerCase() + ")";
  }

  @Override
  public String toString() {
    return kind + "." + subject + "." + detail;
  }

  // Our own short wording of the registered meanings (RFC 3463 section 3 and the IANA registry).
  private static final Map<Integer, String> DETAILS =
      Map.ofEntries(
          Map.entry(0, "Undefined status, only the class is known"),
          Map.entry(1000, "Some problem with an address"),
          Map.entry(1001, "Bad destination mailbox address"),
          Map.entry(1002, "Bad destination system address"),
          Map.entry(1003, "Bad destination mailbox address syntax"),
          Map.entry(1004, "Destination mailbox address ambiguous"),
          Map.entry(1005, "Destination address valid"),
          Map.entry(1006, "Destination mailbox has moved, no forwarding address"),
          Map.entry(1007, "Bad sender's mailbox address syntax"),
          Map.entry(1008, "Bad sender's system address"),
          Map.entry(1009, "Message relayed to a non-compliant mailer"),
          Map.entry(1010, "Recipient domain has a null MX"),
          Map.entry(2000, "Some problem with an existing mailbox"),
          Map.entry(2001, "Mailbox disabled, not accepting messages"),
          Map.entry(2002, "Mailbox full"),
          Map.entry(2003, "Message longer than the mailbox's limit"),
          Map.entry(2004, "Mailing list expansion problem"),
          Map.entry(3000, "Some problem with the destination mail system"),
          Map.entry(3001, "Mail system storage full"),
          Map.entry(3002, "System not accepting network messages"),
          Map.entry(3003, "System lacks the features the message needs"),
          Map.entry(3004, "Message too big for the system"),
          Map.entry(3005, "System incorrectly configured"),
          Map.entry(3006, "Requested priority was changed"),
          Map.entry(4000, "Some network or routing problem"),
          Map.entry(4001, "No answer from host"),
          Map.entry(4002, "Bad connection"),
          Map.entry(4003, "Directory server (DNS) failure"),
          Map.entry(4004, "Unable to route"),
          Map.entry(4005, "Mail system congestion"),
          Map.entry(4006, "Routing loop detected"),
          Map.entry(4007, "Delivery time expired"),
          Map.entry(4008, "Retry on IPv4"),
          Map.entry(5000, "Some mail protocol problem"),
          Map.entry(5001, "Invalid command"),
          Map.entry(5002, "Syntax error"),
          Map.entry(5003, "Too many recipients"),
          Map.entry(5004, "Invalid command arguments"),
          Map.entry(5005, "Wrong protocol version"),
          Map.entry(5006, "Authentication exchange line too long"),
          Map.entry(6000, "Some problem with the content"),
          Map.entry(6001, "Media not supported"),
          Map.entry(6002, "Conversion required and prohibited"),
          Map.entry(6003, "Conversion required but not supported"),
          Map.entry(6004, "Conversion done with loss"),
          Map.entry(6005, "Conversion failed"),
          Map.entry(6006, "Message content not available"),
          Map.entry(6007, "Non-ASCII addresses not permitted"),
          Map.entry(6008, "UTF-8 reply required but not permitted by the client"),
          Map.entry(6009, "UTF-8 header cannot be passed on"),
          Map.entry(6010, "Duplicate of 6.8"),
          Map.entry(7000, "Some security or policy problem"),
          Map.entry(7001, "Delivery not authorised, message refused"),
          Map.entry(7002, "Mailing list expansion prohibited"),
          Map.entry(7003, "Security conversion required but not possible"),
          Map.entry(7004, "Security features not supported"),
          Map.entry(7005, "Cryptographic failure"),
          Map.entry(7006, "Cryptographic algorithm not supported"),
          Map.entry(7007, "Message integrity failure"),
          Map.entry(7008, "Authentication credentials invalid"),
          Map.entry(7009, "Authentication mechanism too weak"),
          Map.entry(7010, "Encryption needed"),
          Map.entry(7011, "Encryption required for the authentication mechanism"),
          Map.entry(7012, "A password transition is needed"),
          Map.entry(7013, "User account disabled"),
          Map.entry(7014, "Trust relationship required"),
          Map.entry(7015, "Priority level too low"),
          Map.entry(7016, "Message too big for the requested priority"),
          Map.entry(7017, "Mailbox owner has changed"),
          Map.entry(7018, "Domain owner has changed"),
          Map.entry(7019, "RRVS test cannot be completed"),
          Map.entry(7020, "No passing DKIM signature found"),
          Map.entry(7021, "No acceptable DKIM signature found"),
          Map.entry(7022, "No valid author-matched DKIM signature found"),
          Map.entry(7023, "SPF validation failed"),
          Map.entry(7024, "SPF validation error"),
          Map.entry(7025, "Reverse DNS validation failed"),
          Map.entry(7026, "Multiple authentication checks failed"),
          Map.entry(7027, "Sender address has a null MX"),
          Map.entry(7028, "Mail flood detected"),
          Map.entry(7029, "ARC validation failure"),
          Map.entry(7030, "REQUIRETLS support required"));
}
