package dev.mailtrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailtrace replay}: Replay archived messages against an SMTP server, safely and at a controlled rate. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replay archived messages against an SMTP server, safely and at a controlled rate.")
final class ReplayCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CliException.usage("'replay' is not built yet");
  }
}
