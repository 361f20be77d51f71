package dev.mailtrace.bench.auth;

import dev.mailtrace.archive.ArchiveReader;
import dev.mailtrace.auth.Authenticity;
import dev.mailtrace.auth.DkimVerifier;
import dev.mailtrace.auth.SignatureVerdict;
import dev.mailtrace.auth.ZoneKeys;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Sha256;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DKIM verification once the JVM is warm, on one thread: {@link DkimVerifier#verify} over every
 * message of an archive held in memory, {@code WARM} passes untimed, then {@code RUNS} timed
 * passes, scored in messages per second of wall time and of this thread's CPU time; beside it the
 * floor, a SHA-256 of every message's bytes. Every pass checks that every message has a passing
 * signature, so a rate is never of messages that were not verified.
 *
 * <p>Usage: {@code WarmVerify ARCHIVE KEYS.zone [WARM] [RUNS]}. {@code bench/verify.sh} runs it
 * next to dkimpy's in-process loop, which it matches (one thread, no start-up, keys in memory).
 */
public final class WarmVerify {
  private WarmVerify() {}

  /** Prints one line per timed pass and the best, as "messages msgs/s msgs/CPU-s". */
  public static void main(String[] args) throws IOException {
    List<byte[]> messages = new ArrayList<>();
    try (ArchiveReader r = ArchiveReader.open(Path.of(args[0]))) {
      RawMessage raw;
      while ((raw = r.next()) != null) {
        messages.add(raw.content());
      }
    }
    ZoneKeys keys = ZoneKeys.read(Path.of(args[1]));
    int warm = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    DkimVerifier verifier = new DkimVerifier(keys);
    double best = 0;
    double bestCpu = 0;
    for (int pass = 0; pass < warm + runs; pass++) {
      long cpu0 = cpu();
      long t0 = System.nanoTime();
      int passing = 0;
      for (byte[] m : messages) {
        Authenticity a = verifier.verify(m);
        if (a.dkim().stream().anyMatch(SignatureVerdict::isPass)) {
          passing++;
        }
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (cpu() - cpu0) / 1e9;
      if (passing != messages.size()) {
        throw new IllegalStateException(passing + " of " + messages.size() + " messages pass");
      }
      if (pass >= warm) {
        System.out.printf(Locale.ROOT, "verify pass %d: %d messages %.0f msgs/s %.0f msgs/CPU-s%n", pass - warm + 1,
            messages.size(), messages.size() / wall, messages.size() / cpu);
        best = Math.max(best, messages.size() / wall);
        bestCpu = Math.max(bestCpu, messages.size() / cpu);
      }
    }
    long cpu0 = cpu();
    long sum = 0;
    for (byte[] m : messages) {
      sum += Sha256.of(m).charAt(0);
    }
    double sha = messages.size() / ((cpu() - cpu0) / 1e9);
    System.out.printf(Locale.ROOT, "best %d %.0f %.0f sha256-floor %.0f (%d)%n", messages.size(), best, bestCpu, sha, sum % 2);
  }

  private static long cpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}
