/**
 * Deterministic generator of realistic, fictional mail corpora for tests, benchmarks and the bundled
 * sample archive.
 *
 * <p>{@link dev.mailtrace.samples.SampleGenerator} makes one message at a time from a seeded {@link
 * java.util.SplittableRandom} (same seed, same bytes); {@link dev.mailtrace.samples.MboxWriter} and
 * {@link dev.mailtrace.samples.MaildirWriter} store them, and {@link dev.mailtrace.samples.Corpus} is
 * the command-line entry point. Messages follow RFC 5322, MIME (RFC 2045-2049, 2047, 2231) and DSN
 * (RFC 3464) closely enough to look like real traffic, with a controlled share of deliberately broken
 * ones. All names, domains (example.*, .test, .example) and addresses are invented; nothing here parses
 * mail.
 */
package dev.mailtrace.samples;
