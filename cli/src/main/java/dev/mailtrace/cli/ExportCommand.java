package dev.mailtrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailtrace export}: Export search results as mbox, eml, CSV or JSON with a custody manifest. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export search results as mbox, eml, CSV or JSON with a custody manifest.")
final class ExportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CliException.usage("'export' is not built yet");
  }
}
