/**
 * The query daemon: a warm JVM that answers {@code search}, {@code stats}, {@code thread} and
 * {@code show --index} in a few milliseconds, for the launcher's bash client, instead of a new JVM
 * per command.
 *
 * <p>{@link dev.mailtrace.cli.daemon.QueryServer} listens on 127.0.0.1 (an ephemeral port) and runs
 * each request on a virtual thread through {@code Main.run}, in an invocation made from the client's
 * working folder and terminals, with index readers kept open and reopened on each new commit.
 * {@link dev.mailtrace.cli.daemon.DaemonState} is the state file (port, pid, a 256-bit token, the jar)
 * in a private per-user folder; a request without the token gets no answer. The wire format is in
 * {@link dev.mailtrace.cli.daemon.Request} and {@link dev.mailtrace.cli.daemon.Frames}. The daemon
 * never writes an index or runs any other command: the client falls back to a normal run for those.
 */
package dev.mailtrace.cli.daemon;
