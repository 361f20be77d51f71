package dev.mailtrace.smtp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link SmtpSession} behaves: immutable, with defaults from {@link #defaults()} and
 * {@code with...} methods for changes.
 *
 * @param heloName the name given in EHLO/HELO
 * @param timeouts per-stage timeouts
 * @param tls whether to use STARTTLS
 * @param trustAll accept any server certificate (test servers only)
 * @param trustStore a PKCS12 trust store for the server certificate, or null for the JDK's
 * @param trustStorePassword its password, or null
 * @param user AUTH user name, or null for no authentication
 * @param password AUTH password
 * @param authWithoutTls allow AUTH over a connection that is not encrypted
 * @param pipelining use PIPELINING when the server offers it
 * @param chunking use BDAT when the server offers CHUNKING
 * @param chunkSize bytes per BDAT chunk
 * @param eightBit what to do with 8-bit or UTF-8 content when the server lacks 8BITMIME/SMTPUTF8:
 *     refuse, send anyway, or downgrade to 7-bit
 */
public record SmtpClientConfig(
    String heloName,
    Timeouts timeouts,
    TlsMode tls,
    boolean trustAll,
    Path trustStore,
    String trustStorePassword,
    String user,
    String password,
    boolean authWithoutTls,
    boolean pipelining,
    boolean chunking,
    int chunkSize,
    EightBitFallback eightBit) {

  /** What to do with a message that needs 8BITMIME or SMTPUTF8 when the server does not offer it. */
  public enum EightBitFallback {
    /** Do not send it; it is recorded as refused locally. */
    REFUSE,
    /** Send it without the parameter, as many relays do. */
    SEND_ANYWAY,
    /**
     * Without 8BITMIME, re-encode 8-bit bodies as quoted-printable or base64 and 8-bit header
     * fields as RFC 2047/2231 words (RFC 6152 section 3); refuse what cannot be made 7-bit (8-bit
     * addresses, which need SMTPUTF8).
     */
    DOWNGRADE
  }

  public SmtpClientConfig {
    Objects.requireNonNull(heloName, "heloName");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(eightBit, "eightBit");
    if (chunkSize < 512) {
      throw new IllegalArgumentException("BDAT chunk size too small: " + chunkSize);
    }
  }

  /** RFC timeouts, opportunistic TLS, pipelining and chunking when offered, 8-bit sent anyway. */
  public static SmtpClientConfig defaults() {
    return new SmtpClientConfig(
        "localhost", Timeouts.RFC_5321, TlsMode.OPPORTUNISTIC, false, null, null, null, null, false,
        true, true, 1 << 20, EightBitFallback.SEND_ANYWAY);
  }

  /** The same configuration with another EHLO/HELO name. */
  public SmtpClientConfig withHeloName(String v) {
    return new SmtpClientConfig(v, timeouts, tls, trustAll, trustStore, trustStorePassword, user, password, authWithoutTls, pipelining, chunking, chunkSize, eightBit);
  }

  /** The same configuration with other per-stage timeouts. */
  public SmtpClientConfig withTimeouts(Timeouts v) {
    return new SmtpClientConfig(heloName, v, tls, trustAll, trustStore, trustStorePassword, user, password, authWithoutTls, pipelining, chunking, chunkSize, eightBit);
  }

  /** The same configuration with another STARTTLS mode. */
  public SmtpClientConfig withTls(TlsMode v) {
    return new SmtpClientConfig(heloName, timeouts, v, trustAll, trustStore, trustStorePassword, user, password, authWithoutTls, pipelining, chunking, chunkSize, eightBit);
  }

  /** Accept any certificate: for test servers with self-signed certificates. */
  public SmtpClientConfig withTrustAll(boolean v) {
    return new SmtpClientConfig(heloName, timeouts, tls, v, trustStore, trustStorePassword, user, password, authWithoutTls, pipelining, chunking, chunkSize, eightBit);
  }

  /** The same configuration trusting the certificates of this PKCS12 store (null for the JDK's). */
  public SmtpClientConfig withTrustStore(Path store, String storePassword) {
    return new SmtpClientConfig(heloName, timeouts, tls, trustAll, store, storePassword, user, password, authWithoutTls, pipelining, chunking, chunkSize, eightBit);
  }

  /** Authenticate with these credentials; {@code allowPlainText} permits AUTH without TLS. */
  public SmtpClientConfig withAuth(String u, String p, boolean allowPlainText) {
    return new SmtpClientConfig(heloName, timeouts, tls, trustAll, trustStore, trustStorePassword, u, p, allowPlainText, pipelining, chunking, chunkSize, eightBit);
  }

  /** The same configuration using PIPELINING when offered, or not. */
  public SmtpClientConfig withPipelining(boolean v) {
    return new SmtpClientConfig(heloName, timeouts, tls, trustAll, trustStore, trustStorePassword, user, password, authWithoutTls, v, chunking, chunkSize, eightBit);
  }

  /** The same configuration using BDAT in chunks of {@code size} bytes when CHUNKING is offered, or not. */
  public SmtpClientConfig withChunking(boolean v, int size) {
    return new SmtpClientConfig(heloName, timeouts, tls, trustAll, trustStore, trustStorePassword, user, password, authWithoutTls, pipelining, v, size, eightBit);
  }

  /** The same configuration with another fallback for 8-bit content. */
  public SmtpClientConfig withEightBit(EightBitFallback v) {
    return new SmtpClientConfig(heloName, timeouts, tls, trustAll, trustStore, trustStorePassword, user, password, authWithoutTls, pipelining, chunking, chunkSize, v);
  }
}
