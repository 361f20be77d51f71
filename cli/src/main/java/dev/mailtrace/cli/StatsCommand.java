package dev.mailtrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailtrace stats}: Aggregate search results by a field. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Aggregate search results by a field.")
final class StatsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CliException.usage("'stats' is not built yet");
  }
}
