/**
 * JMH benchmarks of mailtrace's reader and parser against peers (Apache mime4j, Jakarta Mail /
 * Angus) and against raw byte scans, all over the same corpus from {@link
 * dev.mailtrace.samples.SampleGenerator}.
 *
 * <p>{@link dev.mailtrace.bench.ParserBenchmark} parses one message per operation; {@link
 * dev.mailtrace.bench.ArchiveBenchmark} reads a whole mbox per invocation and reports per message.
 * {@link dev.mailtrace.bench.BenchSuite} runs both and writes a Markdown table with msgs/s, MB/s
 * and the ratios the project tracks. Nothing here is used at run time; peers are benchmark-only
 * dependencies.
 */
package dev.mailtrace.bench;
