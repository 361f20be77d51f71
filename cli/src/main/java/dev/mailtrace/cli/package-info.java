/**
 * The {@code mailtrace} command line (picocli): one command class per subcommand, shared options
 * in mixins, one-line errors with distinct exit codes (0 success, 1 findings or partial failure,
 * 2 bad usage, 3 and up environment errors).
 *
 * <p>{@link dev.mailtrace.cli.Main#run} is the in-process entry point tests use; only {@code main}
 * calls {@code System.exit}. Machine output goes to stdout (tables, {@code --json} lines or
 * {@code --csv}); progress and errors go to stderr.
 */
package dev.mailtrace.cli;
