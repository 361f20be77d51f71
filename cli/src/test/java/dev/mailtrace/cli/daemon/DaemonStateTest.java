package dev.mailtrace.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonStateTest {
  @TempDir Path dir;

  private static DaemonState state(long pid) {
    return new DaemonState(40123, pid, "0f".repeat(32), Path.of("/opt/mailtrace/mailtrace.jar"), 1_700_000_000_000L, 9_900_000, 1_800_000_000_000L);
  }

  @Test
  void theFolderIsTheExplicitOneThenTheRuntimeOneThenTheCache() {
    assertEquals(Path.of("/x/d"), DaemonState.directory(Map.of("MAILTRACE_DAEMON_DIR", "/x/d", "XDG_RUNTIME_DIR", "/run/user/1000")));
    assertEquals(Path.of("/run/user/1000/mailtrace"), DaemonState.directory(Map.of("XDG_RUNTIME_DIR", "/run/user/1000")));
    assertEquals(Path.of(System.getProperty("user.home"), ".cache", "mailtrace"), DaemonState.directory(Map.of("XDG_RUNTIME_DIR", "")));
  }

  @Test
  void theFolderIsMadePrivateAndTheFileReadableByItsOwnerOnly() throws IOException {
    Path d = DaemonState.ensurePrivate(dir.resolve("a/mailtrace"));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
    state(7).write(d);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve(DaemonState.FILE))));
    assertEquals(state(7), DaemonState.read(d));
  }

  @Test
  void aFolderOthersCouldEnterIsClosed() throws IOException {
    Path d = Files.createDirectory(dir.resolve("open"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
    DaemonState.ensurePrivate(d);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
  }

  @Test
  void aFileInPlaceOfTheFolderIsRefused() throws IOException {
    Path f = Files.writeString(dir.resolve("file"), "x");
    assertThrows(IOException.class, () -> DaemonState.ensurePrivate(f));
  }

  @Test
  void aMissingOrGarbledFileReadsAsNoDaemon() throws IOException {
    assertNull(DaemonState.read(dir));
    Files.writeString(dir.resolve(DaemonState.FILE), "port=80\ntoken=short\n");
    assertNull(DaemonState.read(dir));
  }

  @Test
  void aDaemonDeletesOnlyItsOwnFile() throws IOException {
    state(7).write(dir);
    state(8).delete(dir);
    assertNotNull(DaemonState.read(dir));
    state(7).delete(dir);
    assertNull(DaemonState.read(dir));
  }
}
