package dev.mailtrace.cli.daemon;

import dev.mailtrace.cli.Invocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * One command line a client asks the daemon to run, as it travels: NUL-terminated fields, easy to
 * write from bash with {@code printf '%s\0'}.
 *
 * <pre>
 * mailtrace/1 NUL token NUL cwd NUL flags NUL columns NUL argc NUL arg1 NUL ... argN NUL
 * </pre>
 *
 * <p>{@code flags} holds a letter for each that is true in the client: {@code i}, {@code o},
 * {@code e} for stdin, stdout, stderr being terminals, {@code n} for NO_COLOR set, {@code d} for
 * MAILTRACE_DEBUG set. {@code columns} is COLUMNS or empty.
 *
 * @param cwd the client's working folder (absolute)
 * @param terminals the client's terminals
 * @param debug whether MAILTRACE_DEBUG is set in the client
 * @param args the command line after {@code mailtrace}
 */
public record Request(Path cwd, Invocation.Terminals terminals, boolean debug, List<String> args) {
  /** The first field of every request: the protocol and its version. */
  static final String MAGIC = "mailtrace/1";

  private static final int MAX_FIELD = 64 * 1024;
  private static final int MAX_ARGS = 4096;
  private static final int MAX_TOTAL = 1024 * 1024;

  public Request {
    args = List.copyOf(args);
  }

  /** A request with no terminals, for the Java client and tests. */
  public static Request of(Path cwd, String... args) {
    return new Request(cwd, new Invocation.Terminals(false, false, false, 0, false), false, List.of(args));
  }

  /** Writes this request with {@code token}. */
  public void write(OutputStream out, String token) throws IOException {
    StringBuilder flags = new StringBuilder();
    if (terminals.stdin()) flags.append('i');
    if (terminals.stdout()) flags.append('o');
    if (terminals.stderr()) flags.append('e');
    if (terminals.noColor()) flags.append('n');
    if (debug) flags.append('d');
    List<String> fields = new ArrayList<>(List.of(MAGIC, token, cwd.toString(), flags.toString(),
        terminals.columns() > 0 ? Integer.toString(terminals.columns()) : "", Integer.toString(args.size())));
    fields.addAll(args);
    // One write: a request in pieces would cross the wire as many small packets.
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String f : fields) {
      b.write(f.getBytes(StandardCharsets.UTF_8));
      b.write(0);
    }
    b.writeTo(out);
    out.flush();
  }

  /**
   * Reads a request that carries {@code token}; null, having read as little as possible, when it
   * is not one (another protocol, a wrong token, a relative folder, fields over the limits).
   */
  static Request read(InputStream in, byte[] token) throws IOException {
    Fields f = new Fields(in);
    String magic = f.next(MAGIC.length());
    if (!MAGIC.equals(magic)) {
      return null;
    }
    byte[] sent = f.nextBytes(token.length);
    // Constant time: how much of a guess was right must not show in how long the answer takes.
    if (sent == null || !MessageDigest.isEqual(sent, token)) {
      return null;
    }
    String cwd = f.next(MAX_FIELD);
    String flags = f.next(16);
    String columns = f.next(8);
    String argc = f.next(8);
    if (cwd == null || flags == null || columns == null || argc == null) {
      return null;
    }
    int n;
    int cols;
    try {
      n = Integer.parseInt(argc);
      cols = columns.isEmpty() ? 0 : Integer.parseInt(columns);
    } catch (NumberFormatException e) {
      return null;
    }
    Path dir = Path.of(cwd);
    if (n < 0 || n > MAX_ARGS || !dir.isAbsolute()) {
      return null;
    }
    List<String> args = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String a = f.next(MAX_FIELD);
      if (a == null) {
        return null;
      }
      args.add(a);
    }
    Invocation.Terminals t = new Invocation.Terminals(
        flags.indexOf('i') >= 0, flags.indexOf('o') >= 0, flags.indexOf('e') >= 0, Math.max(0, cols), flags.indexOf('n') >= 0);
    return new Request(dir, t, flags.indexOf('d') >= 0, args);
  }

  /** NUL-terminated fields with a limit per field and in all. */
  private static final class Fields {
    private final InputStream in;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private int total;

    Fields(InputStream in) {
      this.in = in;
    }

    byte[] nextBytes(int max) throws IOException {
      buf.reset();
      while (true) {
        int b = in.read();
        if (b < 0 || ++total > MAX_TOTAL) {
          return null;
        }
        if (b == 0) {
          return buf.toByteArray();
        }
        if (buf.size() == max) {
          return null;
        }
        buf.write(b);
      }
    }

    String next(int max) throws IOException {
      byte[] b = nextBytes(max);
      return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
  }
}
