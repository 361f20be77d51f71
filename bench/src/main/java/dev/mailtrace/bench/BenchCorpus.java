package dev.mailtrace.bench;

import dev.mailtrace.samples.MboxWriter;
import dev.mailtrace.samples.Sample;
import dev.mailtrace.samples.SampleGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark input: generated messages in memory and the same messages as one mboxrd archive.
 *
 * @param messages each message's bytes (RFC 5322, as the parser gets them)
 * @param mbox the messages written as an mbox
 * @param contentBytes total size of {@code messages}
 */
record BenchCorpus(List<byte[]> messages, byte[] mbox, long contentBytes) {
  /** Messages per corpus; fixed so {@code @OperationsPerInvocation} can state it. */
  static final int COUNT = 2000;
  /** Seed used by every benchmark and by the suite's size figures. */
  static final long SEED = 42;

  static BenchCorpus generate(long seed, int count) {
    SampleGenerator gen = new SampleGenerator(seed);
    List<byte[]> messages = new ArrayList<>(count);
    ByteArrayOutputStream mbox = new ByteArrayOutputStream(count * 16 * 1024);
    long bytes = 0;
    try (MboxWriter w = new MboxWriter(mbox)) {
      for (int i = 0; i < count; i++) {
        Sample s = gen.next();
        messages.add(s.content());
        bytes += s.content().length;
        w.write(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing an mbox to memory", e);
    }
    return new BenchCorpus(List.copyOf(messages), mbox.toByteArray(), bytes);
  }

  double averageMessageBytes() {
    return (double) contentBytes / messages.size();
  }

  double averageMboxBytesPerMessage() {
    return (double) mbox.length / messages.size();
  }

  /** Message starts in an mbox: offset 0 and every LF followed by {@code From }. */
  static int countMboxMessages(byte[] b, int from, int to, boolean atStart) {
    int n = atStart && to - from >= 5 && isFrom(b, from) ? 1 : 0;
    for (int i = from; i < to - 5; i++) {
      if (b[i] == '\n' && isFrom(b, i + 1)) {
        n++;
      }
    }
    return n;
  }

  private static boolean isFrom(byte[] b, int i) {
    return b[i] == 'F' && b[i + 1] == 'r' && b[i + 2] == 'o' && b[i + 3] == 'm' && b[i + 4] == ' ';
  }
}
