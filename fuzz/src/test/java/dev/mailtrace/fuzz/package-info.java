/**
 * Fuzz targets for Jazzer: each class has the {@code fuzzerTestOneInput} entry point Jazzer's
 * driver calls with generated input, and fails (an exception escapes) when an invariant breaks: no
 * exception escapes the code under test except the documented ones, and every limit holds.
 * {@link dev.mailtrace.fuzz.FuzzRegressionTest} replays the seeds and every finding kept in
 * {@code src/test/resources/dev/mailtrace/fuzz/}; {@link dev.mailtrace.fuzz.ShortFuzzRunTest} fuzzes
 * each target for a few seconds in the test run; {@code bench/fuzz.sh} runs them longer.
 */
package dev.mailtrace.fuzz;
