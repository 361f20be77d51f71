/**
 * The replay benchmark's input: {@link dev.mailtrace.bench.replay.ReplayCorpus} writes an mbox of
 * messages of one exact size for {@code bench/replay.sh}, which replays it into Postfix's smtp-sink
 * next to smtp-source. Not a JMH benchmark: the measure is a whole run over real sockets.
 */
package dev.mailtrace.bench.replay;
