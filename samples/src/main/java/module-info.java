/** The deterministic generator of realistic mail corpora used by the samples, tests and benchmarks. */
module dev.mailtrace.samples {
  exports dev.mailtrace.samples;
}
