package dev.mailtrace.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mailtrace warm-up SAMPLES}: runs the common commands once over a small archive so the
 * launcher can record an ahead-of-time cache of the classes they load (JDK 25's AOT cache, or a
 * CDS archive on older JDKs). Hidden: the launcher calls it, people do not need to.
 */
@Command(name = "warm-up", hidden = true, description = "Exercise the common commands once (used by the launcher to record its start-up cache).")
final class WarmUpCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "A small archive to exercise the commands on.")
  Path samples;

  @Override
  public Integer call() throws IOException {
    Path index = Files.createTempDirectory("mailtrace-warm-up");
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try {
      String s = samples.toString();
      String i = index.toString();
      String[][] runs = {
        {"show", "--summary", s},
        {"show", "--json", "--index-in-file", "0", s},
        {"routes", "--summary", s},
        {"bounces", "--summary", s},
        {"index", "--index", i, s},
        {"search", "--index", i, "--count", "from:example.com"},
        {"search", "--index", i, "--json", "--limit", "5", "has:attachment"},
        {"stats", "--index", i, "*", "--by", "bounce.reason"},
      };
      for (String[] args : runs) {
        Main.run(args, quiet, quiet);
      }
      return 0;
    } finally {
      try (Stream<Path> walk = Files.walk(index)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
