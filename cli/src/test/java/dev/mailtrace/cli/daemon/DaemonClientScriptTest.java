package dev.mailtrace.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.cli.CliRun;
import dev.mailtrace.cli.SampleIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's bash client (scripts/daemon-client.sh), end to end against an in-process server. */
class DaemonClientScriptTest {
  /** Exit code of the wrapper below when the client declines and the launcher would start a JVM. */
  private static final int FALLS_BACK = 99;

  @TempDir static Path shared;
  static Path idx;
  static Path script;

  @TempDir Path dir;
  Path stateDir;
  Path jar;
  QueryServer server;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void prepare() throws Exception {
    Assumptions.assumeTrue(bashWorks(), "bash is not installed");
    script = Path.of(System.getProperty("mailtrace.root", ".")).resolve("scripts/daemon-client.sh").toAbsolutePath();
    Assumptions.assumeTrue(Files.isRegularFile(script), "scripts/daemon-client.sh is not here");
    idx = SampleIndex.build(shared);
  }

  private static boolean bashWorks() {
    try {
      return new ProcessBuilder("bash", "-c", "exit 0").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @BeforeEach
  void start() throws IOException {
    stateDir = dir.resolve("state");
    jar = Files.writeString(dir.resolve("mailtrace.jar"), "stands in for the jar");
    server = QueryServer.start(stateDir, jar, Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Runs the client as the launcher does (set -euo pipefail, sourced) in {@code cwd}. */
  private Run client(Path cwd, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "-c",
        "set -euo pipefail; . \"$0\"; if mailtrace_daemon_run \"$@\"; then exit \"$mailtrace_daemon_code\"; fi; exit " + FALLS_BACK,
        script.toString(), jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().put("MAILTRACE_DAEMON_DIR", stateDir.toString());
    pb.environment().remove("MAILTRACE_DEBUG");
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process p = pb.start();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    byte[] out = p.getInputStream().readAllBytes();
    int code = p.waitFor();
    return new Run(code, new String(out, StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8));
  }

  private void assertSameAsInProcess(Path cwd, String... args) throws Exception {
    CliRun local = CliRun.run(args);
    Run remote = client(cwd, args);
    String what = String.join(" ", args);
    assertEquals(local.code(), remote.code(), what + ": " + remote.err());
    assertEquals(local.out(), remote.out(), what);
    assertEquals(local.err(), remote.err(), what);
  }

  @Test
  void queriesPrintWhatAnInProcessRunPrints() throws Exception {
    String i = idx.toString();
    assertSameAsInProcess(dir, "search", "--index", i, "--count", "is:autoreply");
    assertSameAsInProcess(dir, "search", "--index", i, "--limit", "5", "from:example.com");
    assertSameAsInProcess(dir, "search", "--index", i, "--csv", "--limit", "3", "--fields", "subject,from", "*");
    assertSameAsInProcess(dir, "stats", "--index", i, "--by", "bounce-reason");
    assertSameAsInProcess(dir, "search", "--index", i, "--sort", "sideways");
    assertSameAsInProcess(dir, "search", "--index", i, "from:(");
    assertSameAsInProcess(dir, "search", "--index", dir.resolve("none").toString(), "--count");
    assertSameAsInProcess(dir, "show", "--index=" + i, "no-such-id@example.com");
    assertEquals(8, server.served());
  }

  @Test
  void anOutputOverManyFramesArrivesWhole() throws Exception {
    // 180 messages with every field: well over one 64 KiB frame.
    String[] args = {"search", "--index", idx.toString(), "--json", "--limit", "1000", "--fields",
        "date,from,to,subject,source,file,offset,length,sha256,msgid,thread,duplicate,id", "*"};
    Run remote = client(dir, args);
    assertTrue(remote.out().getBytes(StandardCharsets.UTF_8).length > Frames.MAX_FRAME, "output too small to test framing");
    assertEquals(CliRun.run(args).out(), remote.out());
    assertEquals(0, remote.code());
  }

  @Test
  void aReaderThatStopsEarlyGetsTheCommandsExitCodeAndNoNoise() throws Exception {
    // As with a JVM run, whose PrintStream ignores a closed pipe: exit 0, nothing on stderr.
    ProcessBuilder pb = new ProcessBuilder("bash", "-c",
        "set -euo pipefail; . \"$0\"; { if mailtrace_daemon_run \"$@\"; then exit \"$mailtrace_daemon_code\"; fi; exit "
            + FALLS_BACK + "; } | head -c 10 >/dev/null && echo \"client ${PIPESTATUS[0]}\"",
        script.toString(), jar.toString(), "search", "--index", idx.toString(), "--json", "--limit", "1000", "*")
        .directory(dir.toFile());
    pb.environment().put("MAILTRACE_DAEMON_DIR", stateDir.toString());
    Process p = pb.start();
    byte[] err = p.getErrorStream().readAllBytes();
    assertEquals("client 0\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(0, p.waitFor());
    assertEquals("", new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void aRelativeIndexIsTheClientsOwn() throws Exception {
    Run r = client(shared, "search", "--index", "idx", "--count");
    assertEquals(new Run(0, "180\n", ""), r);
  }

  @Test
  void otherCommandsFallBackSilently() throws Exception {
    Run r = client(dir, "index", shared.resolve("archive.mbox").toString(), "--index", "other");
    assertEquals(new Run(FALLS_BACK, "", ""), r);
    assertEquals(new Run(FALLS_BACK, "", ""), client(dir, "show", "--summary", shared.resolve("archive.mbox").toString()));
    assertEquals(new Run(FALLS_BACK, "", ""), client(dir, "daemon", "status"));
    assertEquals(0, server.served());
    assertTrue(Files.notExists(dir.resolve("other")));
  }

  @Test
  void aJarNewerThanTheDaemonFallsBackWithoutConnecting() throws Exception {
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    assertEquals(new Run(FALLS_BACK, "", ""), client(dir, "search", "--index", idx.toString(), "--count"));
    assertEquals(0, server.served());
  }

  @Test
  void noDaemonFallsBackSilently() throws Exception {
    server.close();
    assertEquals(new Run(FALLS_BACK, "", ""), client(dir, "search", "--index", idx.toString(), "--count"));
    // A state file left behind by a daemon that died: the port refuses, the client falls back.
    server.state().write(stateDir);
    assertEquals(new Run(FALLS_BACK, "", ""), client(dir, "search", "--index", idx.toString(), "--count"));
  }
}
