package dev.mailtrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailtrace index}: Index archives into a Lucene index on disk. */
@Command(name = "index", mixinStandardHelpOptions = true, description = "Index archives into a Lucene index on disk.")
final class IndexCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CliException.usage("'index' is not built yet");
  }
}
