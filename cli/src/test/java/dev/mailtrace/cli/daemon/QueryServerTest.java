package dev.mailtrace.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.cli.CliRun;
import dev.mailtrace.cli.SampleIndex;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryServerTest {
  @TempDir static Path shared;
  static Path idx;

  @TempDir Path dir;
  Path stateDir;
  Path jar;
  QueryServer server;

  @BeforeAll
  static void index() throws IOException {
    idx = SampleIndex.build(shared);
  }

  @BeforeEach
  void start() throws IOException {
    stateDir = dir.resolve("state");
    // The server only watches the jar's size and time, so any file stands in for it.
    jar = Files.writeString(dir.resolve("mailtrace.jar"), "not really a jar");
    server = QueryServer.start(stateDir, jar, Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DaemonClient.Reply ask(Path cwd, String... args) throws IOException {
    return DaemonClient.send(server.state(), Request.of(cwd, args));
  }

  private static void waitUntilStopped(QueryServer s) throws InterruptedException {
    // A bound, so a broken idle timer fails the test instead of hanging the build; not a timing assertion.
    for (int i = 0; i < 1000 && !s.isStopped(); i++) {
      Thread.sleep(10);
    }
  }

  @Test
  void theStateFileTellsClientsWhereAndHow() throws IOException {
    DaemonState s = DaemonState.read(stateDir);
    assertEquals(server.state(), s);
    assertEquals(ProcessHandle.current().pid(), s.pid());
    assertEquals(64, s.token().length());
  }

  @Test
  void aRequestWithAWrongTokenGetsNoAnswerAtAll() throws IOException {
    String wrong = server.state().token().startsWith("0") ? "1".repeat(64) : "0".repeat(64);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.state().port())) {
      Request.of(shared, "search", "--index", idx.toString(), "--count").write(s.getOutputStream(), wrong);
      assertNoAnswer(s.getInputStream());
    }
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.state().port())) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertNoAnswer(s.getInputStream());
    }
    assertEquals(0, server.served());
  }

  /** The server hangs up without a byte: end of stream, or a reset when it closed with our bytes unread. */
  private static void assertNoAnswer(InputStream in) {
    try {
      assertEquals(-1, in.read());
    } catch (IOException reset) {
      // Closed unread: also no answer.
    }
  }

  @Test
  void commandsOtherThanQueriesAreNotServed() throws IOException {
    for (String[] args : List.of(
        new String[] {"index", shared.resolve("archive.mbox").toString(), "--index", dir.resolve("other").toString()},
        new String[] {"show", "--summary", shared.resolve("archive.mbox").toString()},
        new String[] {"--version"},
        new String[] {})) {
      DaemonClient.Reply r = ask(dir, args);
      assertFalse(r.served(), String.join(" ", args));
      assertEquals(0, r.out().length);
    }
    assertFalse(Files.exists(dir.resolve("other")));
  }

  @Test
  void aRelativeIndexIsTakenFromTheClientsFolder() throws IOException {
    DaemonClient.Reply r = ask(shared, "search", "--index", "idx", "--count", "*");
    assertTrue(r.served());
    assertEquals(0, r.code(), r.errText());
    assertEquals("180", r.outText().strip());
    DaemonClient.Reply missing = ask(dir, "search", "--index", "idx", "--count", "*");
    assertEquals(3, missing.code());
    assertEquals("mailtrace: no index in idx; create one with 'mailtrace index PATH... --index idx'\n", missing.errText());
  }

  @Test
  void outputStderrAndExitCodesEqualAnInProcessRun() throws IOException {
    String i = idx.toString();
    List<String[]> cases = List.of(
        new String[] {"search", "--index", i, "--count", "is:bounce"},
        new String[] {"search", "--index", i, "--limit", "3", "from:example.com"},
        new String[] {"search", "--index", i, "--json", "--limit", "2", "*"},
        new String[] {"search", "--index", i, "--csv", "--fields", "msgid,sha256", "--limit", "4", "*"},
        new String[] {"search", "--index", i, "from:("},
        new String[] {"search", "--index", i, "--bogus"},
        new String[] {"search", "--index", i, "--json", "--csv", "*"},
        new String[] {"search", "--index", dir.resolve("none").toString(), "--count"},
        new String[] {"search", "--help"},
        new String[] {"stats", "--index", i, "--by", "sender-domain", "--top", "3"},
        new String[] {"stats", "--index", i, "--by", "nothing"},
        new String[] {"thread", "--index", i, "no-such-thread"},
        new String[] {"show", "--index", i, "no-such-message@example.com"},
        new String[] {"show", "--index", i, "--json", firstSha256()});
    // Twice, the second time backwards: the daemon reuses command models, and no option of one
    // request may stay set for the next (a --count or --json before a plain listing).
    List<String[]> twice = new java.util.ArrayList<>(cases);
    twice.addAll(cases.reversed());
    for (String[] args : twice) {
      CliRun local = CliRun.run(args);
      DaemonClient.Reply remote = ask(dir, args);
      String what = String.join(" ", args);
      assertTrue(remote.served(), what);
      assertEquals(local.code(), remote.code(), what);
      assertEquals(local.out(), remote.outText(), what);
      assertEquals(local.err(), remote.errText(), what);
    }
    assertEquals(twice.size(), server.served());
  }

  private static String firstSha256() {
    CliRun r = CliRun.run("search", "--index", idx.toString(), "--limit", "1", "--fields", "sha256", "--csv", "*");
    return r.out().lines().skip(1).findFirst().orElseThrow().substring(0, 12);
  }

  @Test
  void showReadsThroughTheDaemonOnlyFromAnIndex() throws IOException {
    DaemonClient.Reply r = ask(shared, "show", "--index", "idx", firstSha256());
    assertTrue(r.served());
    assertEquals(0, r.code(), r.errText());
    assertTrue(r.outText().startsWith("== " + shared.resolve("archive.mbox")), r.outText());
    assertFalse(ask(shared, "show", "--index-in-file", "0", "archive.mbox").served());
  }

  @Test
  void anIndexGrownBetweenTwoRequestsIsSeen() throws IOException {
    Path mbox = dir.resolve("a.mbox");
    Files.copy(SampleIndex.archive(), mbox);
    Path grown = dir.resolve("grown");
    assertEquals(0, CliRun.run("index", mbox.toString(), "--index", grown.toString(), "--quiet").code());
    assertEquals("180", ask(dir, "search", "--index", "grown", "--count").outText().strip());
    Path more = dir.resolve("b.mbox");
    Files.copy(SampleIndex.archive(), more);
    assertEquals(0, CliRun.run("index", more.toString(), "--index", grown.toString(), "--quiet").code());
    assertEquals("360", ask(dir, "search", "--index", "grown", "--count").outText().strip());
    assertEquals("360", ask(dir, "stats", "--index", "grown", "--by", "year", "--json").outText().lines()
        .mapToLong(l -> Long.parseLong(l.replaceAll(".*\"count\":(\\d+).*", "$1"))).sum() + "");
  }

  @Test
  void requestsAtTheSameTimeGetTheirOwnAnswers() throws Exception {
    List<String> queries = List.of("is:bounce", "is:autoreply", "dup:sha256", "*", "from:example.com", "has:attachment");
    List<String> expected = queries.stream()
        .map(q -> CliRun.run("search", "--index", idx.toString(), "--count", q).out()).toList();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
      for (int round = 0; round < 5; round++) {
        List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
        for (String q : queries) {
          answers.add(pool.submit(() -> ask(shared, "search", "--index", "idx", "--count", q).outText()));
        }
        for (int i = 0; i < queries.size(); i++) {
          assertEquals(expected.get(i), answers.get(i).get(), queries.get(i));
        }
      }
    }
    assertEquals(30, server.served());
  }

  @Test
  void aLongListingArrivesWhole() throws IOException {
    String[] args = {"search", "--index", idx.toString(), "--json", "--limit", "1000", "--fields", "date,from,to,subject,source,sha256,msgid", "*"};
    CliRun local = CliRun.run(args);
    DaemonClient.Reply remote = ask(dir, args);
    assertTrue(remote.out().length > 0);
    assertArrayEquals(local.out().getBytes(StandardCharsets.UTF_8), remote.out());
  }

  @Test
  void statusAnswersAndStopEndsTheServer() throws Exception {
    ask(dir, "search", "--index", idx.toString(), "--count");
    DaemonClient.Reply status = ask(dir, "daemon", "status");
    assertEquals(0, status.code());
    assertTrue(status.outText().contains("requests=1\n"), status.outText());
    assertTrue(status.outText().contains("indexes=1\n"), status.outText());
    assertEquals(0, ask(dir, "daemon", "stop").code());
    waitUntilStopped(server);
    assertTrue(server.isStopped());
    assertNull(DaemonState.read(stateDir));
  }

  @Test
  void aServedIndexIsWarmedOnceWithoutCountingAsRequests() throws Exception {
    ask(dir, "search", "--index", idx.toString(), "--count");
    String first = ask(dir, "daemon", "status").outText();
    assertTrue(first.contains("requests=1\n"), first);
    assertTrue(first.matches("(?s).*warming=[01]\n.*"), first);
    // A second query of the same index starts no second warming.
    ask(idx.getParent(), "search", "--index", idx.getFileName().toString(), "--count");
    String second = ask(dir, "daemon", "status").outText();
    assertTrue(second.contains("requests=2\n"), second);
    assertTrue(second.matches("(?s).*warming=[01]\n.*"), second);
  }

  @Test
  void theIndexOfARequestIsTakenFromTheClientsFolder() {
    assertEquals(dir.resolve("idx"), QueryServer.indexOf(Request.of(dir, "search", "--index", "idx", "x")));
    assertEquals(dir.resolve("a/idx"), QueryServer.indexOf(Request.of(dir, "stats", "--index=a/idx", "--by", "month")));
    assertNull(QueryServer.indexOf(Request.of(dir, "search", "x")));
  }

  @Test
  void theIdleTimeEndsTheServer() throws Exception {
    Path other = dir.resolve("idle-state");
    QueryServer idle = QueryServer.start(other, jar, Duration.ofMillis(200));
    assertNotNull(DaemonState.read(other));
    waitUntilStopped(idle);
    assertTrue(idle.isStopped());
    assertNull(DaemonState.read(other));
  }

  @Test
  void aRebuiltJarIsNotServedAndStopsTheServer() throws Exception {
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
    try {
      assertFalse(ask(dir, "search", "--index", idx.toString(), "--count").served());
    } catch (IOException refused) {
      // Its watch saw the new jar first and it stopped already: not served either.
    }
    waitUntilStopped(server);
    assertTrue(server.isStopped());
  }
}
