package dev.mailtrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailtrace routes}: Show the Received trace path of each message, hop by hop. */
@Command(name = "routes", mixinStandardHelpOptions = true, description = "Show the Received trace path of each message, hop by hop.")
final class RoutesCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CliException.usage("'routes' is not built yet");
  }
}
