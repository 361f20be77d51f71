package dev.mailtrace.cli;

import dev.mailtrace.archive.Unreadable;
import dev.mailtrace.index.IndexConfig;
import dev.mailtrace.index.IndexRun;
import dev.mailtrace.index.IndexStatus;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mailtrace index}: Index archives into a Lucene index on disk. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Index mbox files, Maildirs, .eml files and folders (gzip too) into a Lucene index folder.",
      "Runs are incremental (messages already indexed are skipped, a grown mbox adds only its new messages,",
      "files unchanged since they were indexed - same size, modification time and inode - are not opened)",
      "and crash-safe (a killed run leaves a usable index; running again completes it)."
    },
    footer = {
      "",
      "Examples:",
      "  mailtrace index ~/Mail/archive.mbox --index idx",
      "  mailtrace index ~/Maildir /srv/mail/*.mbox.gz --index idx --threads 4"
    })
final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Archives to index: files or folders.")
  List<Path> paths;

  @Mixin IndexLocation index;

  @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: the number of cores).")
  Integer threads;

  @Option(names = "--ram-mb", paramLabel = "MB", description = "Index writer buffer in MB (default: a quarter of the heap, 16 to 256).")
  Integer ramMb;

  @Option(
      names = "--keys",
      paramLabel = "FILE",
      description = "Verify each message's DKIM signatures with the keys of this zone file (may be given more "
          + "than once) and index the result as dkim.result (stats --by dkim-result). Offline: never DNS.")
  List<Path> keyFiles = List.of();

  @Option(names = "--quiet", description = "No progress output.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    LuceneLogging.quiet();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw CliException.usage("no such file or folder: " + p + "; check the path");
      }
    }
    if (threads != null && threads < 1) {
      throw CliException.usage("--threads must be at least 1");
    }
    if (ramMb != null && ramMb < 4) {
      throw CliException.usage("--ram-mb must be at least 4");
    }
    IndexConfig config = ramMb == null ? IndexConfig.DEFAULT : IndexConfig.DEFAULT.withRamBufferMb(ramMb);
    if (threads != null) {
      config = config.withThreads(threads);
    }
    // The inputs' total size only feeds the progress lines.
    config = config.withMeasureInputs(!quiet);
    if (!keyFiles.isEmpty()) {
      config = config.withKeys(VerifyCommand.keys(keyFiles, false, spec.commandLine().getErr()));
    }
    PrintWriter err = spec.commandLine().getErr();
    boolean terminal = Terminal.isTerminal();
    IndexRun run = new IndexRun(index.dir, paths, config, (path, why) -> {
      synchronized (err) {
        err.println((terminal && !quiet ? "\r\033[K" : "") + "mailtrace: warning: cannot read " + path + " ("
            + Unreadable.reason(why) + "), skipped; check it and index again");
        err.flush();
      }
    });
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mailtrace-progress");
      t.setDaemon(true);
      return t;
    });
    if (!quiet) {
      long period = terminal ? 250 : 10_000;
      ticker.scheduleAtFixedRate(() -> progress(run.status(), err, terminal), period, period, TimeUnit.MILLISECONDS);
    }
    IndexStatus s;
    try {
      s = run.run();
    } finally {
      ticker.shutdownNow();
      if (terminal && !quiet) {
        err.print("\r\033[K");
        err.flush();
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "indexed %,d messages (%,d already indexed), %.1f MB, %,d with problems, %,d duplicates; %,d documents in %s%s%n",
        s.added(), s.skipped(), s.bytes() / 1e6, s.problems(), s.duplicates(), s.documents(), index.dir,
        s.unreadable() == 0 ? "" : String.format(Locale.ROOT, "; %,d files or folders could not be read and were skipped", s.unreadable()));
    // The rates are of what was indexed: files left unread as already indexed would make them
    // hundreds of thousands of messages a second.
    if (s.added() == 0) {
      out.printf(Locale.ROOT, "time %s, nothing new%n", clock(s.elapsed()));
    } else {
      out.printf(Locale.ROOT, "time %s, %,.0f messages/s, %.1f MB/s indexed%n", clock(s.elapsed()), s.addedRate(), s.addedMegabytesPerSecond());
    }
    out.flush();
    return s.unreadable() == 0 ? 0 : 1;
  }

  private static void progress(IndexStatus s, PrintWriter err, boolean terminal) {
    Duration eta = s.remaining();
    double fraction = s.totalBytes() > 0 ? Math.min(1, (double) s.bytes() / s.totalBytes()) : 0;
    String numbers = String.format(Locale.ROOT, "%,d messages  %.1f/%.1f MB  %,.0f msg/s  ETA %s",
        s.messages(), s.bytes() / 1e6, s.totalBytes() / 1e6, s.rate(), eta == null ? "?" : clock(eta));
    if (terminal) {
      int width = 30;
      int filled = (int) Math.round(fraction * width);
      err.print("\r\033[K[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
          + String.format(Locale.ROOT, "%3.0f%% ", fraction * 100) + numbers);
    } else {
      err.println("mailtrace: indexing: " + numbers);
    }
    err.flush();
  }

  private static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d.%d", s / 60, s % 60, d.toMillisPart() / 100);
  }
}
