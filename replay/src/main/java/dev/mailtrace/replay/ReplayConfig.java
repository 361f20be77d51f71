package dev.mailtrace.replay;

import dev.mailtrace.smtp.SmtpClientConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a replay run needs to know, immutable; build one with {@link #builder(String, int)}.
 *
 * @param host target server name or address
 * @param port target port
 * @param client how each SMTP session behaves
 * @param policy where mail may go
 * @param mailFrom sender for every message instead of the archived one, or null
 * @param stamp run id for an {@code X-Mailtrace-Replay} field in front of each message, or null
 * @param dsnNotify RFC 3461 NOTIFY for every recipient, or null
 * @param dsnRet RFC 3461 RET, or null
 * @param dsnEnvid RFC 3461 ENVID, or null
 * @param sessions parallel connections
 * @param perSession messages per connection before a new one is opened; 0 for no limit
 * @param rate messages per second over all sessions; 0 for no limit
 * @param duration stop taking new messages after this long; null for no limit
 * @param count stop after this many messages; 0 for no limit
 * @param timingFactor keep the original gaps between arrivals divided by this factor; 0 to send at once
 * @param retries attempts after the first for transient failures (4xx, lost connections, timeouts)
 * @param backoff delay before the first retry; doubled each time, with jitter
 * @param backoffMax the longest delay between retries
 * @param deadline the whole run ends after this long, whatever is in flight
 * @param exchangers when not empty, the hosts to deliver to instead of {@code host} (an MX lookup's
 *     answer): each connection tries them in preference order, equal ones shuffled, on {@code port}
 * @param inMemoryLimit messages longer than this many stored bytes are read with only their first
 *     bytes in memory and the rest streamed from their file when sent
 */
public record ReplayConfig(
    String host,
    int port,
    SmtpClientConfig client,
    RecipientPolicy policy,
    String mailFrom,
    String stamp,
    String dsnNotify,
    String dsnRet,
    String dsnEnvid,
    int sessions,
    int perSession,
    double rate,
    Duration duration,
    long count,
    double timingFactor,
    int retries,
    Duration backoff,
    Duration backoffMax,
    Duration deadline,
    java.util.List<dev.mailtrace.smtp.MailExchanger> exchangers,
    int inMemoryLimit) {

  /** The default {@link #inMemoryLimit()}: larger messages are streamed from their files. */
  public static final int IN_MEMORY_LIMIT = 4 << 20;

  public ReplayConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(backoffMax, "backoffMax");
    Objects.requireNonNull(deadline, "deadline");
    exchangers = java.util.List.copyOf(exchangers);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (inMemoryLimit < 64 * 1024) {
      throw new IllegalArgumentException("in-memory limit below 64 KB: " + inMemoryLimit);
    }
    if (sessions < 1 || perSession < 0 || rate < 0 || count < 0 || timingFactor < 0 || retries < 0) {
      throw new IllegalArgumentException("sessions must be at least 1; limits and retries must not be negative");
    }
  }

  /** A builder with defaults: one session, no limits, 3 retries from 1 s, 24 h deadline. */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /** Builds a {@link ReplayConfig}; each setter sets the record component of the same name. */
  public static final class Builder {
    private final String host;
    private final int port;
    private SmtpClientConfig client = SmtpClientConfig.defaults();
    private RecipientPolicy policy;
    private String mailFrom;
    private String stamp;
    private String dsnNotify;
    private String dsnRet;
    private String dsnEnvid;
    private int sessions = 1;
    private int perSession;
    private double rate;
    private Duration duration;
    private long count;
    private double timingFactor;
    private int retries = 3;
    private Duration backoff = Duration.ofSeconds(1);
    private Duration backoffMax = Duration.ofMinutes(1);
    private Duration deadline;
    private int inMemoryLimit = IN_MEMORY_LIMIT;
    private java.util.List<dev.mailtrace.smtp.MailExchanger> exchangers = java.util.List.of();

    private Builder(String host, int port) {
      this.host = host;
      this.port = port;
    }

    /** How each SMTP session behaves. */
    public Builder client(SmtpClientConfig v) { client = v; return this; }
    /** Where mail may go (required). */
    public Builder policy(RecipientPolicy v) { policy = v; return this; }
    /** The sender for every message instead of the archived one, or null. */
    public Builder mailFrom(String v) { mailFrom = v; return this; }
    /** The run id for an {@code X-Mailtrace-Replay} field in front of each message, or null. */
    public Builder stamp(String v) { stamp = v; return this; }
    /** RFC 3461 NOTIFY, RET and ENVID for every message, each null when not wanted. */
    public Builder dsn(String notify, String ret, String envid) { dsnNotify = notify; dsnRet = ret; dsnEnvid = envid; return this; }
    /** Parallel connections. */
    public Builder sessions(int v) { sessions = v; return this; }
    /** Messages per connection before a new one is opened; 0 for no limit. */
    public Builder perSession(int v) { perSession = v; return this; }
    /** Messages per second over all sessions; 0 for no limit. */
    public Builder rate(double v) { rate = v; return this; }
    /** Stop taking new messages after this long; null for no limit. */
    public Builder duration(Duration v) { duration = v; return this; }
    /** Stop after this many messages; 0 for no limit. */
    public Builder count(long v) { count = v; return this; }
    /** Keep the original gaps between arrivals divided by this factor; 0 to send at once. */
    public Builder timingFactor(double v) { timingFactor = v; return this; }
    /** Attempts after the first for transient failures. */
    public Builder retries(int v) { retries = v; return this; }
    /** The delay before the first retry (doubled each time, with jitter) and the longest delay. */
    public Builder backoff(Duration first, Duration max) { backoff = first; backoffMax = max; return this; }
    /** The whole run ends after this long; null for the default. */
    public Builder deadline(Duration v) { deadline = v; return this; }

    /** Deliver to these exchangers (an MX lookup's answer) instead of the host. */
    public Builder exchangers(java.util.List<dev.mailtrace.smtp.MailExchanger> v) { exchangers = v; return this; }
    /** Messages longer than this many bytes are streamed from their files when sent. */
    public Builder inMemoryLimit(int v) { inMemoryLimit = v; return this; }

    /** The configuration; without a deadline: the duration plus 5 minutes, else 24 hours. */
    public ReplayConfig build() {
      Duration d = deadline != null ? deadline
          : duration != null ? duration.plusMinutes(5) : Duration.ofHours(24);
      return new ReplayConfig(host, port, client, policy == null ? new RecipientPolicy(java.util.List.of(), java.util.List.of(), java.util.Set.of(), false) : policy,
          mailFrom, stamp, dsnNotify, dsnRet, dsnEnvid, sessions, perSession, rate, duration, count,
          timingFactor, retries, backoff, backoffMax, d, exchangers, inMemoryLimit);
    }
  }
}
