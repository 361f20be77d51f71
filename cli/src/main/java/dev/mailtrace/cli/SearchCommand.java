package dev.mailtrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailtrace search}: Search an index. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search an index.")
final class SearchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CliException.usage("'search' is not built yet");
  }
}
