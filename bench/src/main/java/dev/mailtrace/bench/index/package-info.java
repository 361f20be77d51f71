/**
 * Whole-run measurements of the message index for {@code bench/index.sh}: query latency inside one
 * JVM, next to the script's whole-command timings against notmuch and mu. Not a JMH benchmark: it
 * measures a built index as a user meets it, warmed up.
 */
package dev.mailtrace.bench.index;
