package dev.mailtrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailtrace show}: Show messages: headers, MIME tree, text and problems. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show messages: headers, MIME tree, text and problems.")
final class ShowCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CliException.usage("'show' is not built yet");
  }
}
