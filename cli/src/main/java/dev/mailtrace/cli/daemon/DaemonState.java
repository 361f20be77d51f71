package dev.mailtrace.cli.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * What a running daemon tells its clients, kept in the file {@code daemon} of a private per-user
 * folder: where it listens, its process, the secret every request must carry and the jar it runs.
 *
 * <p>The file has one {@code name=value} per line so the bash client reads it with builtins only.
 * The folder is {@code $MAILTRACE_DAEMON_DIR} when set (tests, benchmarks), else
 * {@code $XDG_RUNTIME_DIR/mailtrace}, else {@code ~/.cache/mailtrace}; it is created with mode 0700
 * and refused when others may read it; the file has mode 0600.
 *
 * @param port the TCP port on 127.0.0.1
 * @param pid the daemon's process id
 * @param token 64 hex digits (256 random bits)
 * @param jar the jar (or class folder) the daemon runs
 * @param jarModified the jar's modification time in milliseconds when the daemon started
 * @param jarSize the jar's size in bytes when the daemon started
 * @param started when the daemon started, milliseconds since the epoch
 */
public record DaemonState(int port, long pid, String token, Path jar, long jarModified, long jarSize, long started) {
  /** The state file's name in the daemon folder. */
  public static final String FILE = "daemon";

  private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

  public DaemonState {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (token == null || token.length() != 64 || !HexFormat.isHexDigit(token.charAt(0))) {
      throw new IllegalArgumentException("the token must be 64 hex digits");
    }
  }

  /** The token as bytes, for constant-time comparison. */
  byte[] tokenBytes() {
    return token.getBytes(StandardCharsets.US_ASCII);
  }

  /** The daemon folder for this user and environment (not created). */
  public static Path directory(Map<String, String> env) {
    String explicit = env.get("MAILTRACE_DAEMON_DIR");
    if (explicit != null && !explicit.isEmpty()) {
      return Path.of(explicit);
    }
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isEmpty()) {
      return Path.of(runtime, "mailtrace");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "mailtrace");
  }

  /** The daemon folder for this process's environment (not created). */
  public static Path directory() {
    return directory(System.getenv());
  }

  /**
   * Creates the folder with mode 0700 when missing; refuses one that is not a folder owned by this
   * user or that others may enter, since the token in it guards the daemon.
   */
  public static Path ensurePrivate(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir.getParent());
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // Another start made it at the same moment; the checks below still apply.
      }
    }
    PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    String me = System.getProperty("user.name");
    if (!a.isDirectory() || !a.owner().getName().equals(me)) {
      throw new IOException(dir + " is not a folder owned by " + me + "; remove it or set MAILTRACE_DAEMON_DIR");
    }
    if (!PRIVATE_DIR.containsAll(a.permissions())) {
      Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(PRIVATE_DIR);
    }
    return dir;
  }

  /** Reads the state file in {@code dir}; null when there is none or it does not parse. */
  public static DaemonState read(Path dir) throws IOException {
    Map<String, String> v = new HashMap<>();
    try {
      for (String line : Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          v.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    } catch (NoSuchFileException none) {
      return null;
    }
    try {
      return new DaemonState(
          Integer.parseInt(v.get("port")),
          Long.parseLong(v.get("pid")),
          v.get("token"),
          Path.of(v.get("jar")),
          Long.parseLong(v.get("jar-modified")),
          Long.parseLong(v.get("jar-size")),
          Long.parseLong(v.get("started")));
    } catch (RuntimeException garbled) {
      return null;
    }
  }

  /** Writes the state file into {@code dir} with mode 0600, replacing any other in one step. */
  public void write(Path dir) throws IOException {
    String text =
        "port=" + port + "\npid=" + pid + "\ntoken=" + token + "\njar=" + jar + "\njar-modified=" + jarModified
            + "\njar-size=" + jarSize + "\nstarted=" + started + "\n";
    Path tmp = Files.createTempFile(dir, FILE, ".tmp", PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException notHere) {
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Deletes the state file in {@code dir} when it still describes this daemon (a newer one may have replaced it). */
  public void delete(Path dir) throws IOException {
    DaemonState now = read(dir);
    if (now != null && now.pid == pid && now.port == port && now.token.equals(token)) {
      Files.deleteIfExists(dir.resolve(FILE));
    }
  }

  /** True when the jar on disk is still the one this daemon started with. */
  public boolean runsCurrentJar() {
    try {
      BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
      return a.lastModifiedTime().toMillis() == jarModified && a.size() == jarSize;
    } catch (IOException gone) {
      return false;
    }
  }
}
