package dev.mailtrace.cli;

import picocli.CommandLine.Option;

/** The output format options every listing command shares: a readable table, JSON lines or CSV. */
final class OutputOptions {
  @Option(names = "--json", description = "One JSON object per line.")
  boolean json;

  @Option(names = "--csv", description = "CSV with a header row (RFC 4180).")
  boolean csv;

  /** Rejects --json together with --csv. */
  void check() {
    if (json && csv) {
      throw CliException.usage("--json and --csv exclude each other; choose one");
    }
  }
}
