package dev.mailtrace.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted SMTP server on 127.0.0.1 for tests: answers like a plain ESMTP server unless a
 * {@link Rule} says otherwise, and records what it received. Set the fields before the first
 * connection.
 */
public final class FakeSmtpServer implements AutoCloseable {

  /** A reply to use instead of the default one: null for the default, {@link #DROP} to hang up. */
  @FunctionalInterface
  public interface Rule {
    String reply(Conversation c, String line) throws Exception;
  }

  /** Hang up without a reply. */
  public static final String DROP = "<drop>";

  /** A message as received: envelope and content with dot-stuffing undone. */
  public record Received(String from, List<String> recipients, byte[] content, String mailLine, List<String> rcptLines) {}

  /** What a rule can see of the conversation. */
  public static final class Conversation {
    public final int connection;
    public int messages;
    public boolean tls;

    Conversation(int connection) {
      this.connection = connection;
    }
  }

  public String greeting = "220 fake.test ESMTP ready";
  public List<String> extensions = new ArrayList<>(List.of("PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES"));
  public boolean ehloRefused;
  /** Replies to MAIL and RCPT are held back and sent with the reply to DATA (proves pipelining). */
  public boolean holdRepliesUntilData;
  /** Close the connection after this many content bytes of a DATA, on connection numbers listed. */
  public List<Integer> dropInDataOnConnections = new ArrayList<>();
  public String endReply = "250 2.0.0 Ok: queued";
  public String user = "user";
  public String password = "secret";
  public SSLContext tls;
  public final List<Rule> rules = new CopyOnWriteArrayList<>();

  public final List<Received> received = new CopyOnWriteArrayList<>();
  public final List<String> commands = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
  private final ServerSocket server;
  private final Thread acceptor;

  public FakeSmtpServer() throws IOException {
    this(InetAddress.getLoopbackAddress(), 0);
  }

  /** A server on one address and port (several loopback addresses may share a port: MX tests). */
  public FakeSmtpServer(InetAddress address, int port) throws IOException {
    server = new ServerSocket(port, 50, address);
    acceptor = Thread.ofVirtual().start(this::accept);
  }

  /** An SSL context with the test key pair from src/test/resources/tls/localhost.p12. */
  public static SSLContext testTls() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = FakeSmtpServer.class.getResourceAsStream("/tls/localhost.p12")) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  public int port() {
    return server.getLocalPort();
  }

  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        int n = connections.incrementAndGet();
        Thread.ofVirtual().start(() -> converse(s, new Conversation(n)));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void converse(Socket socket, Conversation c) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      if (!answer(out, c, "CONNECT", greeting)) {
        return;
      }
      String from = null;
      List<String> rcpts = new ArrayList<>();
      String mailLine = null;
      List<String> rcptLines = new ArrayList<>();
      ByteArrayOutputStream bdat = null;
      StringBuilder held = new StringBuilder();
      while (true) {
        String line = readLine(in);
        if (line == null) {
          return;
        }
        commands.add(line);
        String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        String custom = null;
        for (Rule r : rules) {
          custom = r.reply(c, line);
          if (custom != null) {
            break;
          }
        }
        if (DROP.equals(custom)) {
          return;
        }
        String reply = custom;
        switch (verb) {
          case "EHLO" -> {
            if (reply == null) {
              if (ehloRefused) {
                reply = "502 5.5.2 Error: command not recognized";
              } else {
                List<String> lines = new ArrayList<>();
                lines.add("fake.test");
                for (String e : extensions) {
                  if (!(c.tls && e.equals("STARTTLS"))) {
                    lines.add(e);
                  }
                }
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < lines.size(); i++) {
                  b.append("250").append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
                  if (i < lines.size() - 1) {
                    b.append("\r\n");
                  }
                }
                reply = b.toString();
              }
            }
          }
          case "HELO" -> reply = reply == null ? "250 fake.test" : reply;
          case "STARTTLS" -> {
            if (reply == null) {
              write(out, "220 2.0.0 Ready to start TLS");
              SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), false);
              ssl.setUseClientMode(false);
              ssl.startHandshake();
              in = new BufferedInputStream(ssl.getInputStream());
              out = ssl.getOutputStream();
              c.tls = true;
              sockets.add(ssl);
              continue;
            }
          }
          case "AUTH" -> {
            if (reply == null) {
              reply = auth(line, in, out) ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication failed";
            }
          }
          case "MAIL" -> {
            if (reply == null) {
              reply = "250 2.1.0 Ok";
            }
            if (reply.startsWith("2")) {
              from = between(line);
              mailLine = line;
              rcpts = new ArrayList<>();
              rcptLines = new ArrayList<>();
            }
            if (holdRepliesUntilData) {
              held.append(reply).append("\r\n");
              continue;
            }
          }
          case "RCPT" -> {
            if (reply == null) {
              reply = from == null ? "503 5.5.1 Error: need MAIL command" : "250 2.1.5 Ok";
            }
            if (reply.startsWith("2")) {
              rcpts.add(between(line));
              rcptLines.add(line);
            }
            if (holdRepliesUntilData) {
              held.append(reply).append("\r\n");
              continue;
            }
          }
          case "DATA" -> {
            if (reply == null) {
              reply = from == null ? "503 5.5.1 Error: need MAIL command" : rcpts.isEmpty() ? "554 5.5.1 Error: no valid recipients" : "354 End data with <CR><LF>.<CR><LF>";
            }
            if (held.length() > 0) {
              reply = held + reply;
              held.setLength(0);
            }
            write(out, reply);
            if (!lastLine(reply).startsWith("354")) {
              continue;
            }
            byte[] content = readData(in, dropInDataOnConnections.contains(c.connection));
            if (content == null) {
              return;
            }
            String end = endReply;
            for (Rule r : rules) {
              String e = r.reply(c, ".");
              if (e != null) {
                end = e;
                break;
              }
            }
            if (DROP.equals(end)) {
              return;
            }
            if (end.startsWith("2")) {
              received.add(new Received(from, List.copyOf(rcpts), content, mailLine, List.copyOf(rcptLines)));
              c.messages++;
            }
            write(out, end);
            from = null;
            rcpts = new ArrayList<>();
            continue;
          }
          case "BDAT" -> {
            String[] parts = line.split(" ");
            int n = Integer.parseInt(parts[1]);
            byte[] chunk = in.readNBytes(n);
            if (bdat == null) {
              bdat = new ByteArrayOutputStream();
            }
            bdat.write(chunk);
            boolean last = parts.length > 2 && parts[2].equalsIgnoreCase("LAST");
            if (reply == null) {
              reply = last ? endReply : "250 2.0.0 " + n + " octets received";
            }
            if (last) {
              if (reply.startsWith("2")) {
                received.add(new Received(from, List.copyOf(rcpts), bdat.toByteArray(), mailLine, List.copyOf(rcptLines)));
                c.messages++;
              }
              bdat = null;
            }
          }
          case "RSET" -> {
            from = null;
            rcpts = new ArrayList<>();
            bdat = null;
            reply = reply == null ? "250 2.0.0 Ok" : reply;
          }
          case "NOOP" -> reply = reply == null ? "250 2.0.0 Ok" : reply;
          case "QUIT" -> {
            write(out, reply == null ? "221 2.0.0 Bye" : reply);
            return;
          }
          default -> reply = reply == null ? "502 5.5.2 Error: command not recognized" : reply;
        }
        write(out, reply);
      }
    } catch (Exception e) {
      // The client went away or the test closed the server.
    }
  }

  private boolean answer(OutputStream out, Conversation c, String event, String dflt) throws Exception {
    String custom = null;
    for (Rule r : rules) {
      custom = r.reply(c, event);
      if (custom != null) {
        break;
      }
    }
    if (DROP.equals(custom)) {
      return false;
    }
    write(out, custom == null ? dflt : custom);
    return true;
  }

  private boolean auth(String line, InputStream in, OutputStream out) throws IOException {
    String[] parts = line.split(" ");
    Base64.Decoder d = Base64.getDecoder();
    if (parts[1].equalsIgnoreCase("PLAIN")) {
      String token = parts.length > 2 ? parts[2] : null;
      if (token == null) {
        write(out, "334 ");
        token = readLine(in);
      }
      return new String(d.decode(token), StandardCharsets.UTF_8).equals("\0" + user + "\0" + password);
    }
    if (parts[1].equalsIgnoreCase("LOGIN")) {
      write(out, "334 VXNlcm5hbWU6");
      String u = new String(d.decode(readLine(in)), StandardCharsets.UTF_8);
      write(out, "334 UGFzc3dvcmQ6");
      String p = new String(d.decode(readLine(in)), StandardCharsets.UTF_8);
      return u.equals(user) && p.equals(password);
    }
    return false;
  }

  private static String lastLine(String reply) {
    int i = reply.lastIndexOf("\r\n");
    return i < 0 ? reply : reply.substring(i + 2);
  }

  private static String between(String line) {
    int lt = line.indexOf('<');
    int gt = line.indexOf('>', lt + 1);
    return lt < 0 || gt < 0 ? "" : line.substring(lt + 1, gt);
  }

  /** Reads DATA content up to the lone dot, undoing dot-stuffing; null when dropped or cut. */
  private static byte[] readData(InputStream in, boolean drop) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      line.reset();
      int b;
      while ((b = in.read()) >= 0) {
        line.write(b);
        if (b == '\n') {
          break;
        }
      }
      if (b < 0) {
        return null;
      }
      byte[] l = line.toByteArray();
      if (l.length == 3 && l[0] == '.' && l[1] == '\r') {
        return content.toByteArray();
      }
      if (drop && content.size() > 20) {
        return null;
      }
      int from = l.length > 0 && l[0] == '.' ? 1 : 0;
      content.write(l, from, l.length - from);
    }
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      b.write(c);
    }
    if (c < 0 && b.size() == 0) {
      return null;
    }
    String s = b.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket s : sockets) {
        try {
          s.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
    acceptor.interrupt();
  }
}
