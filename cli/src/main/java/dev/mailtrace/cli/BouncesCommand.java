package dev.mailtrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailtrace bounces}: List bounced recipients from delivery reports and bounces. */
@Command(name = "bounces", mixinStandardHelpOptions = true, description = "List bounced recipients from delivery reports and bounces.")
final class BouncesCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CliException.usage("'bounces' is not built yet");
  }
}
