package dev.mailtrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailtrace thread}: Show a thread from an index. */
@Command(name = "thread", mixinStandardHelpOptions = true, description = "Show a thread from an index.")
final class ThreadCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CliException.usage("'thread' is not built yet");
  }
}
