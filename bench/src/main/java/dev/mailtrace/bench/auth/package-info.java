/** Benchmarks of DKIM verification ({@code bench/verify.sh}): the warm, one-thread rate beside dkimpy's. */
package dev.mailtrace.bench.auth;
