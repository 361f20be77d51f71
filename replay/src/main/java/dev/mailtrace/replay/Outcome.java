package dev.mailtrace.replay;

/** What became of one message in a replay. */
public enum Outcome {
  /** The server took it (2xx after the content), for at least one recipient. */
  ACCEPTED,
  /** Still a 4xx after all retries. */
  DEFERRED,
  /** A 5xx: refused for good. */
  REJECTED,
  /** Connection errors or timeouts after all retries, or the run's deadline. */
  FAILED,
  /** Not sent, by decision of this client (policy, size, missing extension). */
  REFUSED_LOCALLY;

  /** The name used in logs: lower case with a dash. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
