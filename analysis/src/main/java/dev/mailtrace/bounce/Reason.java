package dev.mailtrace.bounce;

import java.util.Locale;

/** Why a message was not delivered, in Sisimai's vocabulary so results compare with its tables. */
public enum Reason {
  USERUNKNOWN,
  MAILBOXFULL,
  HOSTUNKNOWN,
  FILTERED,
  REJECTED,
  BLOCKED,
  SPAMDETECTED,
  POLICYVIOLATION,
  SECURITYERROR,
  VIRUSDETECTED,
  TOOMANYCONN,
  SPEEDING,
  EXCEEDLIMIT,
  MESGTOOBIG,
  EXPIRED,
  SUSPEND,
  NORELAYING,
  NETWORKERROR,
  SYSTEMERROR,
  SYSTEMFULL,
  NOTACCEPT,
  CONTENTERROR,
  AUTHFAILURE,
  BADREPUTATION,
  REQUIREPTR,
  NOTCOMPLIANTRFC,
  SYNTAXERROR,
  MAILERERROR,
  HASMOVED,
  ONHOLD,
  UNDEFINED,
  FEEDBACK,
  VACATION,
  DELIVERED,
  FAILEDSTARTTLS;

  /** Sisimai's spelling: the lower-case name. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The reason for a Sisimai label, or {@link #UNDEFINED}. */
  public static Reason of(String label) {
    try {
      return valueOf(label.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException unknown) {
      return UNDEFINED;
    }
  }
}
