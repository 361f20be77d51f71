package dev.mailtrace.smtp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * One SMTP connection (RFC 5321): open it with {@link #open}, send any number of messages with
 * {@link #send}, end it with {@link #quit}.
 *
 * <p>Not thread-safe: one thread drives a session; another thread may only {@link #abort} it (a
 * global deadline). A failure that leaves the connection unusable is an {@link SmtpException};
 * afterwards the session is closed and {@link #isOpen()} is false.
 */
public final class SmtpSession implements Closeable {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] DOT_CRLF = {'.', '\r', '\n'};
  private static final int MAX_LINE = 8192;

  private final String host;
  /** The address to connect to, or null to resolve {@link #host}. */
  private final java.net.InetAddress address;
  private final int port;
  private final SmtpClientConfig config;
  private volatile Socket socket;
  private InputStream in;
  /** Replies as read from the socket; our own buffer, so reading a line takes no lock per byte. */
  private final byte[] inBuffer = new byte[16 * 1024];
  private int inPos;
  private int inLen;
  private WireOutput out;
  private int currentTimeout = -1;
  private SmtpReply greeting;
  private SmtpReply hello;
  private Capabilities capabilities = Capabilities.NONE;
  private boolean esmtp;
  private boolean tls;
  private boolean authenticated;
  private boolean open;
  private boolean needsReset;
  /** A message whose content and final dot are written but whose reply is not read yet. */
  private Pending pending;
  /** Transactions finished during the current call, handed out in order. */
  private final List<Transaction> completed = new ArrayList<>(2);

  private record Pending(
      SmtpReply mail, List<SmtpReply> rcpts, SmtpReply data, long bytes, long mailNanos, long rcptNanos,
      long dataNanos, long contentStart, String adjustment) {}
  /** What was changed in the message being sent (a 7-bit downgrade), or null. */
  private String adjustment;
  private final byte[] lineBuffer = new byte[MAX_LINE];

  private volatile boolean aborted;
  /** Times out writes that a server stops reading (sockets only time out reads). */
  private StalledWriteGuard writeGuard;

  private SmtpSession(String host, java.net.InetAddress address, int port, SmtpClientConfig config) {
    this.host = host;
    this.address = address;
    this.port = port;
    this.config = config;
    this.socket = new Socket();
  }

  /**
   * Connects, reads the greeting, says EHLO (HELO when EHLO is refused with 500 or 502), upgrades
   * with STARTTLS and authenticates as the configuration asks.
   *
   * @throws SmtpException when the session cannot be set up; nothing stays open then
   */
  public static SmtpSession open(String host, int port, SmtpClientConfig config) throws SmtpException {
    SmtpSession s = create(host, port, config);
    s.connect();
    return s;
  }

  /**
   * A session that is not connected yet, so that another thread can {@link #abort} it while
   * {@link #connect} waits for the server.
   */
  public static SmtpSession create(String host, int port, SmtpClientConfig config) {
    return new SmtpSession(host, null, port, config);
  }

  /**
   * As {@link #create(String, int, SmtpClientConfig)}, connecting to {@code address} (one of the
   * host's, found by an MX lookup) while TLS checks the certificate against {@code host}.
   */
  public static SmtpSession create(String host, java.net.InetAddress address, int port, SmtpClientConfig config) {
    return new SmtpSession(host, address, port, config);
  }

  /**
   * Sets up a session made by {@link #create}: connects, reads the greeting, EHLO or HELO,
   * STARTTLS and AUTH as configured.
   *
   * @throws SmtpException when the session cannot be set up; nothing stays open then
   */
  public void connect() throws SmtpException {
    try {
      start();
    } catch (SmtpException e) {
      close();
      throw e;
    }
  }

  private void start() throws SmtpException {
    if (aborted) {
      throw new SmtpException(SmtpException.Kind.CONNECTION, Stage.CONNECT, "session to " + host + ":" + port + " was aborted", null, null);
    }
    try {
      socket.setTcpNoDelay(true);
      socket.connect(address != null ? new InetSocketAddress(address, port) : new InetSocketAddress(host, port), millis(Stage.CONNECT));
      attachStreams();
    } catch (SocketTimeoutException e) {
      throw new SmtpException(SmtpException.Kind.TIMEOUT, Stage.CONNECT, "connect to " + host + ":" + port + " timed out", null, e);
    } catch (IOException e) {
      throw new SmtpException(SmtpException.Kind.CONNECTION, Stage.CONNECT, "cannot connect to " + host + ":" + port + ": " + e.getMessage(), null, e);
    }
    open = true;
    greeting = read(Stage.GREETING);
    if (!greeting.isPositive()) {
      throw refused(Stage.GREETING, greeting);
    }
    hello();
    if (config.tls() != TlsMode.OFF) {
      if (capabilities.has(SmtpExtension.STARTTLS)) {
        startTls();
      } else if (config.tls() == TlsMode.REQUIRED) {
        throw new SmtpException(SmtpException.Kind.TLS, Stage.STARTTLS, host + ":" + port + " does not offer STARTTLS and TLS is required", null, null);
      }
    }
    if (config.user() != null) {
      authenticate();
    }
  }

  private void attachStreams() throws IOException {
    in = socket.getInputStream();
    // RFC 3207 section 4.2: nothing read before TLS may be used after it.
    inPos = 0;
    inLen = 0;
    if (writeGuard == null) {
      writeGuard = new StalledWriteGuard(() -> socket, millis(Stage.BODY));
    }
    out = new WireOutput(writeGuard.stream(socket.getOutputStream()), 64 * 1024);
  }

  private void hello() throws SmtpException {
    command("EHLO " + config.heloName(), Stage.EHLO);
    SmtpReply r = read(Stage.EHLO);
    if (r.code() == 500 || r.code() == 502) {
      // RFC 5321 section 3.2: a server that does not know EHLO; fall back to HELO, no extensions.
      command("HELO " + config.heloName(), Stage.EHLO);
      r = read(Stage.EHLO);
      esmtp = false;
      capabilities = Capabilities.NONE;
    } else {
      esmtp = true;
      capabilities = r.isPositive() ? Capabilities.of(r) : Capabilities.NONE;
    }
    if (!r.isPositive()) {
      throw refused(Stage.EHLO, r);
    }
    hello = r;
  }

  private void startTls() throws SmtpException {
    command("STARTTLS", Stage.STARTTLS);
    SmtpReply r = read(Stage.STARTTLS);
    if (r.code() != 220) {
      if (config.tls() == TlsMode.REQUIRED) {
        throw new SmtpException(SmtpException.Kind.TLS, Stage.STARTTLS, "STARTTLS refused: " + r, r, null);
      }
      return;
    }
    try {
      SSLContext context = sslContext();
      SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
      ssl.setUseClientMode(true);
      if (!config.trustAll()) {
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
      }
      ssl.setSoTimeout(millis(Stage.STARTTLS));
      currentTimeout = millis(Stage.STARTTLS);
      ssl.startHandshake();
      socket = ssl;
      attachStreams();
    } catch (IOException | GeneralSecurityException e) {
      throw new SmtpException(SmtpException.Kind.TLS, Stage.STARTTLS, "TLS handshake with " + host + ":" + port + " failed: " + e.getMessage(), null, e);
    }
    tls = true;
    // RFC 3207 section 4.2: forget what was learnt before TLS and ask again.
    hello();
  }

  private SSLContext sslContext() throws IOException, GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    TrustManager[] trust = null;
    if (config.trustAll()) {
      trust = new TrustManager[] {new AnyCertificate()};
    } else if (config.trustStore() != null) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      char[] pw = config.trustStorePassword() == null ? null : config.trustStorePassword().toCharArray();
      try (InputStream s = Files.newInputStream(config.trustStore())) {
        store.load(s, pw);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      trust = tmf.getTrustManagers();
    }
    context.init(null, trust, null);
    return context;
  }

  /** Trusts every certificate: only for test servers, chosen explicitly with trust-all. */
  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  private void authenticate() throws SmtpException {
    if (!tls && !config.authWithoutTls()) {
      throw new SmtpException(SmtpException.Kind.TLS, Stage.AUTH, "refusing to send a password to " + host + ":" + port + " without TLS; use TLS or allow plain-text AUTH explicitly", null, null);
    }
    List<String> mechanisms = capabilities.authMechanisms();
    Base64.Encoder b64 = Base64.getEncoder();
    SmtpReply r;
    if (mechanisms.contains("PLAIN")) {
      // RFC 4616: authzid NUL authcid NUL passwd, sent as the initial response (RFC 4954 section 4).
      String token = b64.encodeToString(("\0" + config.user() + "\0" + config.password()).getBytes(StandardCharsets.UTF_8));
      command("AUTH PLAIN " + token, Stage.AUTH);
      r = read(Stage.AUTH);
      if (r.code() == 334) {
        command(token, Stage.AUTH);
        r = read(Stage.AUTH);
      }
    } else if (mechanisms.contains("LOGIN")) {
      command("AUTH LOGIN", Stage.AUTH);
      r = read(Stage.AUTH);
      if (r.code() == 334) {
        command(b64.encodeToString(config.user().getBytes(StandardCharsets.UTF_8)), Stage.AUTH);
        r = read(Stage.AUTH);
        if (r.code() == 334) {
          command(b64.encodeToString(config.password().getBytes(StandardCharsets.UTF_8)), Stage.AUTH);
          r = read(Stage.AUTH);
        }
      }
    } else {
      throw new SmtpException(SmtpException.Kind.REFUSED, Stage.AUTH, host + ":" + port + " offers no AUTH mechanism this client knows (PLAIN, LOGIN): " + mechanisms, null, null);
    }
    if (r.code() != 235) {
      throw refused(Stage.AUTH, r);
    }
    authenticated = true;
  }

  /**
   * Sends one message and waits for its final reply. Checks SIZE, 8BITMIME and SMTPUTF8 first and
   * refuses locally when the server cannot take the message (or, when configured, downgrades 8-bit
   * content to 7-bit and says so in {@link Transaction#adjustment()}); pipelines MAIL, RCPT and DATA when the
   * server offers PIPELINING; uses BDAT when it offers CHUNKING and the configuration allows it. A
   * transaction that did not end well is reset (RSET) before the next one.
   *
   * @return every reply; a refusal by the server is a normal result, not an exception
   * @throws SmtpException when the connection fails; the session is closed then
   * @throws IllegalStateException when a message from {@link #submit} is still pending
   */
  public Transaction send(Envelope envelope, MessageData data) throws SmtpException {
    if (pending != null) {
      throw new IllegalStateException("a submitted message is still pending; call drain() first");
    }
    List<Transaction> done = submit(envelope, data, false);
    return done.get(done.size() - 1);
  }

  /**
   * Sends one message without waiting for its final reply when the server offers PIPELINING: the
   * content and its final dot stay buffered and the reply is read together with the replies to the
   * next message's MAIL, RCPT and DATA (RFC 2920 section 3.1 lets the content transfer start a
   * group). One round trip per message instead of two.
   *
   * @return the transactions finished by this call, oldest first: the previous message's (if it was
   *     pending) and this one's (unless it is now pending); collect the last with {@link #drain}
   * @throws SmtpException when the connection fails; transactions finished before the failure are
   *     in {@link #takeCompleted()}, the others have no result
   */
  public List<Transaction> submit(Envelope envelope, MessageData data) throws SmtpException {
    return submit(envelope, data, true);
  }

  /** Reads the reply to a pending message (flushing it first); the finished transactions, oldest first. */
  public List<Transaction> drain() throws SmtpException {
    completed.clear();
    if (pending != null) {
      flush(Stage.BODY);
      completed.add(readPendingEnd());
      needsReset = false;
    }
    return takeCompleted();
  }

  /** Sends what is buffered (a pending message's content) without reading any reply. */
  public void flushPending() throws SmtpException {
    if (open && pending != null) {
      flush(Stage.BODY);
    }
  }

  /** Whether a message's final reply is still to be read. */
  public boolean hasPending() {
    return pending != null;
  }

  /** The transactions finished before the last failure, oldest first; empties the list. */
  public List<Transaction> takeCompleted() {
    List<Transaction> done = List.copyOf(completed);
    completed.clear();
    return done;
  }

  private Transaction readPendingEnd() throws SmtpException {
    Pending p = pending;
    pending = null;
    SmtpReply end = read(Stage.DATA_END);
    return new Transaction(null, p.mail, p.rcpts, p.data, end, p.bytes, p.mailNanos, p.rcptNanos, p.dataNanos,
        System.nanoTime() - p.contentStart, p.adjustment);
  }

  private List<Transaction> submit(Envelope envelope, MessageData data, boolean leaveEnd) throws SmtpException {
    completed.clear();
    ensureOpen();
    adjustment = null;
    Transaction t = prepareAndSend(envelope, data, leaveEnd);
    if (t != null) {
      completed.add(adjustment == null ? t : t.withAdjustment(adjustment));
    }
    return takeCompleted();
  }

  /** The transaction, or null when it is left pending. */
  private Transaction prepareAndSend(Envelope envelope, MessageData data, boolean leaveEnd) throws SmtpException {
    if (config.eightBit() == SmtpClientConfig.EightBitFallback.DOWNGRADE
        && (data.hasEightBit() && !capabilities.has(SmtpExtension.EIGHT_BIT_MIME)
            || data.hasEightBitHeader() && !capabilities.has(SmtpExtension.SMTPUTF8))) {
      if (!isAscii(envelope) && !capabilities.has(SmtpExtension.SMTPUTF8)) {
        return refuse("envelope addresses are not ASCII and the server does not offer SMTPUTF8");
      }
      // RFC 6152 section 3: no 8-bit data to a server without 8BITMIME; make the message 7-bit.
      switch (SevenBitDowngrade.downgrade(data.toByteArray())) {
        case SevenBitDowngrade.Refused r -> {
          return refuse("cannot downgrade to 7-bit: " + r.reason());
        }
        case SevenBitDowngrade.Downgraded d -> {
          if (d.isChanged()) {
            data = MessageData.of(d.content());
            adjustment = d.note();
          }
        }
      }
    }
    long size = data.size();
    long limit = capabilities.sizeLimit();
    if (limit > 0 && size > limit) {
      // RFC 1870 section 6: the server said in its EHLO reply that it will not take it.
      return refuse("message is " + size + " bytes, over the server's SIZE limit of " + limit + " (EHLO reply: 250 SIZE " + limit + ")");
    }
    String body = null;
    if (data.hasEightBit()) {
      if (capabilities.has(SmtpExtension.EIGHT_BIT_MIME)) {
        body = "8BITMIME";
      } else if (config.eightBit() == SmtpClientConfig.EightBitFallback.REFUSE) {
        return refuse("message has 8-bit content and the server does not offer 8BITMIME");
      }
    }
    boolean utf8 = false;
    if (data.hasEightBitHeader() || !isAscii(envelope)) {
      if (capabilities.has(SmtpExtension.SMTPUTF8)) {
        utf8 = true;
      } else if (config.eightBit() == SmtpClientConfig.EightBitFallback.REFUSE) {
        return refuse("message has UTF-8 header fields or addresses and the server does not offer SMTPUTF8");
      }
    }
    boolean dsn = capabilities.has(SmtpExtension.DSN);
    StringBuilder mail = new StringBuilder(64).append("MAIL FROM:<").append(envelope.sender()).append('>');
    if (capabilities.has(SmtpExtension.SIZE)) {
      mail.append(" SIZE=").append(size);
    }
    if (body != null) {
      mail.append(" BODY=").append(body);
    }
    if (utf8) {
      mail.append(" SMTPUTF8");
    }
    if (dsn && envelope.ret() != null) {
      mail.append(" RET=").append(envelope.ret());
    }
    if (dsn && envelope.envid() != null) {
      mail.append(" ENVID=").append(xtext(envelope.envid()));
    }
    List<String> rcpts = new ArrayList<>(envelope.recipients().size());
    for (Envelope.Recipient r : envelope.recipients()) {
      StringBuilder b = new StringBuilder(48).append("RCPT TO:<").append(r.address()).append('>');
      if (dsn && envelope.notifyOn() != null) {
        b.append(" NOTIFY=").append(envelope.notifyOn());
      }
      if (dsn && r.original() != null) {
        // RFC 3461 section 4.2: the original recipient, address type and xtext-encoded address.
        b.append(" ORCPT=rfc822;").append(xtext(r.original()));
      }
      rcpts.add(b.toString());
    }
    boolean bdat = config.chunking() && capabilities.has(SmtpExtension.CHUNKING);
    boolean pipe = config.pipelining() && capabilities.has(SmtpExtension.PIPELINING);
    if (!pipe && pending != null) {
      completed.addAll(drain());
    }
    return pipe ? sendPipelined(mail.toString(), rcpts, data, bdat, leaveEnd) : sendInTurn(mail.toString(), rcpts, data, bdat);
  }

  /** A local refusal, after the reply to a pending message so results stay in order. */
  private Transaction refuse(String why) throws SmtpException {
    if (pending != null) {
      List<Transaction> before = drain();
      completed.addAll(before);
    }
    return Transaction.refused(why);
  }

  private Transaction sendPipelined(String mail, List<String> rcpts, MessageData data, boolean bdat, boolean leaveEnd)
      throws SmtpException {
    // RFC 2920 section 3.1: [the previous content,] RSET, MAIL, RCPT... and DATA may go in one
    // group; replies come in order. A pending content ends its transaction, so no RSET then.
    boolean hadPending = pending != null;
    boolean reset = !hadPending && needsReset;
    needsReset = true;
    if (reset) {
      write("RSET", Stage.RSET);
    }
    write(mail, Stage.MAIL);
    for (String r : rcpts) {
      write(r, Stage.RCPT);
    }
    if (!bdat) {
      write("DATA", Stage.DATA);
    }
    flush(Stage.MAIL);
    long t0 = System.nanoTime();
    if (hadPending) {
      completed.add(readPendingEnd());
    }
    if (reset) {
      SmtpReply r = read(Stage.RSET);
      if (!r.isPositive()) {
        throw refused(Stage.RSET, r);
      }
    }
    SmtpReply mailReply = read(Stage.MAIL);
    long mailNanos = System.nanoTime() - t0;
    List<SmtpReply> rcptReplies = new ArrayList<>(rcpts.size());
    for (int i = 0; i < rcpts.size(); i++) {
      rcptReplies.add(read(Stage.RCPT));
    }
    long rcptNanos = System.nanoTime() - t0;
    SmtpReply dataReply = null;
    long dataNanos = -1;
    if (!bdat) {
      dataReply = read(Stage.DATA);
      dataNanos = System.nanoTime() - t0;
    }
    boolean anyRecipient = rcptReplies.stream().anyMatch(SmtpReply::isPositive);
    if (!mailReply.isPositive() || !anyRecipient) {
      if (dataReply != null && dataReply.code() == 354) {
        // The server took DATA although no recipient was accepted: end the content at once.
        write(DOT_CRLF, Stage.BODY);
        flush(Stage.BODY);
        SmtpReply end = read(Stage.DATA_END);
        return new Transaction(null, mailReply, rcptReplies, dataReply, end, 3, mailNanos, rcptNanos, dataNanos, -1);
      }
      return new Transaction(null, mailReply, rcptReplies, dataReply, null, 0, mailNanos, rcptNanos, dataNanos, -1);
    }
    if (leaveEnd && !bdat && dataReply.code() == 354) {
      long start = System.nanoTime();
      setTimeout(Stage.BODY);
      long written;
      try {
        written = data.writeTo(out::write, true, true);
      } catch (IOException e) {
        throw lost(Stage.BODY, e);
      }
      write(DOT_CRLF, Stage.BODY);
      pending = new Pending(mailReply, rcptReplies, dataReply, written, mailNanos, rcptNanos, dataNanos, start, adjustment);
      return null;
    }
    return sendContent(mailReply, rcptReplies, dataReply, data, bdat, true, mailNanos, rcptNanos, dataNanos);
  }

  private Transaction sendInTurn(String mail, List<String> rcpts, MessageData data, boolean bdat) throws SmtpException {
    if (needsReset) {
      reset();
    }
    needsReset = true;
    long t0 = System.nanoTime();
    command(mail, Stage.MAIL);
    SmtpReply mailReply = read(Stage.MAIL);
    long mailNanos = System.nanoTime() - t0;
    List<SmtpReply> rcptReplies = new ArrayList<>(rcpts.size());
    if (!mailReply.isPositive()) {
      return new Transaction(null, mailReply, rcptReplies, null, null, 0, mailNanos, -1, -1, -1);
    }
    t0 = System.nanoTime();
    boolean anyRecipient = false;
    for (String r : rcpts) {
      command(r, Stage.RCPT);
      SmtpReply reply = read(Stage.RCPT);
      anyRecipient |= reply.isPositive();
      rcptReplies.add(reply);
    }
    long rcptNanos = System.nanoTime() - t0;
    if (!anyRecipient) {
      return new Transaction(null, mailReply, rcptReplies, null, null, 0, mailNanos, rcptNanos, -1, -1);
    }
    SmtpReply dataReply = null;
    long dataNanos = -1;
    if (!bdat) {
      t0 = System.nanoTime();
      command("DATA", Stage.DATA);
      dataReply = read(Stage.DATA);
      dataNanos = System.nanoTime() - t0;
    }
    return sendContent(mailReply, rcptReplies, dataReply, data, bdat, false, mailNanos, rcptNanos, dataNanos);
  }

  private Transaction sendContent(
      SmtpReply mail, List<SmtpReply> rcpts, SmtpReply dataReply, MessageData data, boolean bdat, boolean pipe,
      long mailNanos, long rcptNanos, long dataNanos) throws SmtpException {
    if (!bdat && dataReply.code() != 354) {
      return new Transaction(null, mail, rcpts, dataReply, null, 0, mailNanos, rcptNanos, dataNanos, -1);
    }
    long t0 = System.nanoTime();
    setTimeout(Stage.BODY);
    SmtpReply end;
    long bytes;
    if (bdat) {
      Chunks chunks = new Chunks(data.size(), pipe);
      try {
        data.writeTo(chunks, false, false);
        chunks.finish();
      } catch (ChunkRefused e) {
        end = e.reply;
        return new Transaction(null, mail, rcpts, null, end, chunks.bytes, mailNanos, rcptNanos, -1, System.nanoTime() - t0);
      } catch (SmtpException e) {
        throw e;
      } catch (IOException e) {
        throw lost(Stage.BODY, e);
      }
      end = chunks.last;
      bytes = chunks.bytes;
    } else {
      try {
        bytes = data.writeTo(out::write, true, true);
      } catch (IOException e) {
        throw lost(Stage.BODY, e);
      }
      write(DOT_CRLF, Stage.BODY);
      flush(Stage.BODY);
      end = read(Stage.DATA_END);
    }
    // RFC 5321 section 4.1.1.4: after the reply to the content the server starts afresh.
    needsReset = false;
    return new Transaction(null, mail, rcpts, dataReply, end, bytes, mailNanos, rcptNanos, dataNanos, System.nanoTime() - t0);
  }

  /**
   * BDAT chunks (RFC 3030): the content in pieces of the configured size, the last one marked
   * LAST. The total is known from {@link MessageData#size()}, so each chunk's header goes out
   * before its bytes and the content passes through without being gathered first.
   */
  private final class Chunks implements MessageData.Sink {
    private final long total;
    private final boolean pipe;
    private long bytes;
    /** Bytes still owed to the current chunk; 0 between chunks. */
    private long left;
    private boolean lastChunk;
    private int pending;
    private SmtpReply last;

    Chunks(long total, boolean pipe) {
      this.total = total;
      this.pipe = pipe;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (left == 0) {
          start();
        }
        int n = (int) Math.min(len, left);
        out.write(b, off, n);
        bytes += n;
        left -= n;
        off += n;
        len -= n;
        if (left == 0) {
          ended();
        }
      }
    }

    private void start() throws IOException {
      if (lastChunk) {
        throw new IOException("the message grew while it was sent (" + total + " bytes announced); it was not completed");
      }
      left = Math.min(config.chunkSize(), total - bytes);
      lastChunk = bytes + left == total;
      SmtpSession.this.write(lastChunk ? "BDAT " + left + " LAST" : "BDAT " + left, Stage.BODY);
    }

    void finish() throws IOException {
      if (total == 0) {
        // An empty message is one empty last chunk.
        lastChunk = true;
        SmtpSession.this.write("BDAT 0 LAST", Stage.BODY);
        ended();
      } else if (bytes != total || left != 0) {
        throw new IOException("the message shrank while it was sent (" + bytes + " of " + total + " bytes); it was not completed");
      }
    }

    private void ended() throws IOException {
      pending++;
      if (pipe && !lastChunk) {
        return;
      }
      SmtpSession.this.flush(Stage.BODY);
      while (pending > 0) {
        SmtpReply r = read(pending == 1 && lastChunk ? Stage.DATA_END : Stage.BODY);
        pending--;
        if (!r.isPositive()) {
          // Replies to chunks already sent still come; read them so the session stays in step.
          while (pending > 0) {
            read(Stage.BODY);
            pending--;
          }
          if (!lastChunk) {
            throw new ChunkRefused(r);
          }
          last = r;
          return;
        }
        last = r;
      }
    }
  }

  /** A BDAT chunk was refused before the last one was sent. */
  private static final class ChunkRefused extends IOException {
    final transient SmtpReply reply;

    ChunkRefused(SmtpReply reply) {
      super(reply.toString(), null);
      this.reply = reply;
    }
  }

  /** RSET: aborts the current transaction (RFC 5321 section 4.1.1.5). */
  public SmtpReply reset() throws SmtpException {
    ensureOpen();
    command("RSET", Stage.RSET);
    SmtpReply r = read(Stage.RSET);
    if (!r.isPositive()) {
      throw refused(Stage.RSET, r);
    }
    needsReset = false;
    return r;
  }

  /**
   * Sends one command line outside a transaction and reads its reply: HELP, VRFY, EXPN and the
   * like, for probing a server. Every reply is a result (252 and 502 included); only a failing
   * connection or a 421 is an exception.
   *
   * @throws IllegalStateException while a message is pending
   */
  public SmtpReply ask(String commandLine) throws SmtpException {
    if (pending != null) {
      throw new IllegalStateException("a submitted message is still pending; call drain() first");
    }
    if (commandLine.indexOf('\r') >= 0 || commandLine.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a command is one line: " + commandLine.strip());
    }
    ensureOpen();
    command(commandLine, Stage.QUERY);
    return read(Stage.QUERY);
  }

  /** NOOP: checks that the server is still there. */
  public SmtpReply noop() throws SmtpException {
    ensureOpen();
    command("NOOP", Stage.NOOP);
    return read(Stage.NOOP);
  }

  /** QUIT and close; failures while quitting are ignored, the connection is closed anyway. */
  public void quit() {
    if (open) {
      try {
        if (pending != null) {
          drain();
        }
        command("QUIT", Stage.QUIT);
        read(Stage.QUIT);
      } catch (SmtpException e) {
        // The server may close first; the session is over either way.
      }
    }
    close();
  }

  /** Closes the connection without QUIT. Safe to call from another thread to stop a blocked session. */
  public void abort() {
    aborted = true;
    close();
  }

  @Override
  public void close() {
    open = false;
    if (writeGuard != null) {
      writeGuard.close();
    }
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // Nothing left to do with a socket that cannot close.
      }
    }
  }

  /** Whether the session can send. */
  public boolean isOpen() {
    return open;
  }

  /** The 220 greeting. */
  public SmtpReply greeting() {
    return greeting;
  }

  /** The reply to the last EHLO or HELO. */
  public SmtpReply helloReply() {
    return hello;
  }

  /** Whether the server took EHLO (false after the HELO fallback). */
  public boolean isEsmtp() {
    return esmtp;
  }

  /** The extensions from the last EHLO. */
  public Capabilities capabilities() {
    return capabilities;
  }

  /** Whether the connection is encrypted. */
  public boolean isTls() {
    return tls;
  }

  /** Whether AUTH succeeded. */
  public boolean isAuthenticated() {
    return authenticated;
  }

  // ---- wire ----

  private void ensureOpen() throws SmtpException {
    if (!open) {
      throw new SmtpException(SmtpException.Kind.CONNECTION, Stage.MAIL, "session to " + host + ":" + port + " is closed", null, null);
    }
  }

  private void command(String line, Stage stage) throws SmtpException {
    write(line, stage);
    flush(stage);
  }

  private void write(String line, Stage stage) throws SmtpException {
    try {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      out.write(b, 0, b.length);
      out.write(CRLF, 0, 2);
    } catch (IOException e) {
      throw lost(stage, e);
    }
  }

  private void write(byte[] bytes, Stage stage) throws SmtpException {
    try {
      out.write(bytes, 0, bytes.length);
    } catch (IOException e) {
      throw lost(stage, e);
    }
  }

  private void flush(Stage stage) throws SmtpException {
    try {
      out.flush();
    } catch (IOException e) {
      throw lost(stage, e);
    }
  }

  private void setTimeout(Stage stage) throws SmtpException {
    int ms = millis(stage);
    if (ms != currentTimeout) {
      try {
        socket.setSoTimeout(ms);
      } catch (IOException e) {
        throw lost(stage, e);
      }
      currentTimeout = ms;
    }
  }

  private int millis(Stage stage) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.timeouts().of(stage).toMillis()));
  }

  /** Reads one reply, all its lines (RFC 5321 section 4.2.1), with the stage's timeout. */
  private SmtpReply read(Stage stage) throws SmtpException {
    setTimeout(stage);
    List<String> lines = new ArrayList<>(2);
    try {
      while (true) {
        String line = readLine(stage);
        if (line.length() < 3 || !isDigit(line.charAt(0)) || !isDigit(line.charAt(1)) || !isDigit(line.charAt(2))
            || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
          close();
          throw new SmtpException(SmtpException.Kind.PROTOCOL, stage, "not an SMTP reply from " + host + ":" + port + ": " + abbreviate(line), null, null);
        }
        if (!lines.isEmpty() && !line.regionMatches(0, lines.get(0), 0, 3)) {
          close();
          throw new SmtpException(SmtpException.Kind.PROTOCOL, stage, "reply code changed inside a multiline reply: " + abbreviate(line), null, null);
        }
        lines.add(line);
        if (line.length() == 3 || line.charAt(3) == ' ') {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      close();
      throw new SmtpException(SmtpException.Kind.TIMEOUT, stage, "no reply from " + host + ":" + port + " to " + stage + " within " + config.timeouts().of(stage), null, e);
    } catch (SmtpException e) {
      throw e;
    } catch (IOException e) {
      throw lost(stage, e);
    }
    SmtpReply reply = SmtpReply.parse(lines);
    if (reply.code() == 421) {
      // RFC 5321 section 3.8: the server is closing the channel.
      close();
      throw new SmtpException(SmtpException.Kind.REFUSED, stage, host + ":" + port + " closed the session: " + reply, reply, null);
    }
    return reply;
  }

  private String readLine(Stage stage) throws IOException {
    int n = 0;
    while (true) {
      if (inPos == inLen) {
        inLen = in.read(inBuffer, 0, inBuffer.length);
        inPos = 0;
        if (inLen < 0) {
          inLen = 0;
          close();
          throw new SmtpException(SmtpException.Kind.CONNECTION, stage, host + ":" + port + " closed the connection during " + stage, null, null);
        }
      }
      int b = inBuffer[inPos++] & 0xff;
      if (b == '\n') {
        break;
      }
      if (n == lineBuffer.length) {
        close();
        throw new SmtpException(SmtpException.Kind.PROTOCOL, stage, "reply line from " + host + ":" + port + " longer than " + MAX_LINE + " bytes", null, null);
      }
      lineBuffer[n++] = (byte) b;
    }
    if (n > 0 && lineBuffer[n - 1] == '\r') {
      n--;
    }
    return new String(lineBuffer, 0, n, StandardCharsets.UTF_8);
  }

  private SmtpException lost(Stage stage, IOException e) {
    close();
    if (e instanceof SmtpException s) {
      return s;
    }
    if (e instanceof SocketTimeoutException) {
      return new SmtpException(SmtpException.Kind.TIMEOUT, stage, "timed out during " + stage + " with " + host + ":" + port, null, e);
    }
    return new SmtpException(SmtpException.Kind.CONNECTION, stage, "connection to " + host + ":" + port + " lost during " + stage + ": " + e.getMessage(), null, e);
  }

  private SmtpException refused(Stage stage, SmtpReply r) {
    close();
    return new SmtpException(SmtpException.Kind.REFUSED, stage, host + ":" + port + " refused " + stage + ": " + r, r, null);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  private static boolean isAscii(Envelope e) {
    if (!isAscii(e.sender())) {
      return false;
    }
    for (Envelope.Recipient r : e.recipients()) {
      if (!isAscii(r.address())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 127) {
        return false;
      }
    }
    return true;
  }

  /** RFC 3461 section 4: xtext, with "+", "=" and characters outside 33..126 as +HH. */
  static String xtext(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(bytes.length + 8);
    for (byte x : bytes) {
      int c = x & 0xff;
      if (c < 33 || c > 126 || c == '+' || c == '=') {
        b.append('+').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      } else {
        b.append((char) c);
      }
    }
    return b.toString();
  }
}
