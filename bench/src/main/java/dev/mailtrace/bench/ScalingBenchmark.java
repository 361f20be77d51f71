package dev.mailtrace.bench;

import dev.mailtrace.bounce.BounceClassifier;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import dev.mailtrace.mime.MessageParser;
import dev.mailtrace.mime.ParserConfig;
import dev.mailtrace.received.HopChain;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time against the size of one dimension of a message, doubling it from 1,000 to 128,000: header
 * fields, MIME parts, Received hops (parsed and chained), RFC 2047 encoded words in a Subject, and
 * the recipients of a delivery report (classified). One operation is the whole message; linear
 * time shows as a constant time per element across sizes ({@code bench/scaling.sh} prints that
 * table). The parser's limits are raised so that nothing is cut.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ScalingBenchmark {
  @Param({"headers", "parts", "hops", "words", "recipients"})
  public String dimension;

  @Param({"1000", "2000", "4000", "8000", "16000", "32000", "64000", "128000"})
  public int size;

  private static final ParserConfig UNCUT = ParserConfig.DEFAULT.withMaxHeaderCount(1 << 20).withMaxParts(1 << 20)
      .withMaxHeaderBytes(64 << 20).withMaxKeptBytes(1 << 30).withMaxTextChars(1 << 30);
  private final MessageParser parser = new MessageParser(UNCUT);
  private final BounceClassifier classifier = new BounceClassifier();
  private RawMessage raw;

  @Setup
  public void build() {
    StringBuilder b = new StringBuilder("From: a@example.org\nTo: b@example.com\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n");
    switch (dimension) {
      case "headers" -> {
        for (int i = 0; i < size; i++) {
          b.append("X-Field-").append(i).append(": value ").append(i).append('\n');
        }
        b.append("Subject: many fields\n\nbody\n");
      }
      case "parts" -> {
        b.append("Subject: many parts\nContent-Type: multipart/mixed; boundary=p\n\n");
        for (int i = 0; i < size; i++) {
          b.append("--p\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        b.append("--p--\n");
      }
      case "hops" -> {
        StringBuilder h = new StringBuilder();
        for (int i = size; i > 0; i--) {
          h.append("Received: from r").append(i - 1).append(".example.org (r").append(i - 1)
              .append(".example.org [192.0.2.").append(i % 250 + 1).append("]) by r").append(i)
              .append(".example.org with ESMTP id Q").append(i).append("; Mon, 1 Jan 2024 00:00:00 +0000\n");
        }
        b.insert(0, h).append("Subject: a long way\n\nbody\n");
      }
      case "words" -> {
        b.append("Subject:");
        for (int i = 0; i < size; i++) {
          b.append(" =?utf-8?q?w=C3=B6rd_").append(i).append("?=\n");
        }
        b.append("\nbody\n");
      }
      case "recipients" -> {
        b.append("Subject: Undelivered Mail\nContent-Type: multipart/report; report-type=delivery-status; boundary=r\n\n"
            + "--r\nContent-Type: text/plain\n\nDelivery failed.\n--r\nContent-Type: message/delivery-status\n\n"
            + "Reporting-MTA: dns; mx.example.org\n\n");
        for (int i = 0; i < size; i++) {
          b.append("Final-Recipient: rfc822; user").append(i).append("@example.com\nAction: failed\nStatus: 5.1.1\n\n");
        }
        b.append("--r--\n");
      }
      default -> throw new IllegalArgumentException(dimension);
    }
    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
    raw = new RawMessage(new Source("scaling.eml", 0, bytes.length, ""), 0, null, bytes);
  }

  /** The message parsed, and for hops its chain built, for recipients its report classified. */
  @Benchmark
  public Object analyse() {
    Message m = parser.parse(raw);
    return switch (dimension) {
      case "hops" -> HopChain.of(m);
      case "recipients" -> classifier.classify(m);
      default -> m;
    };
  }
}
