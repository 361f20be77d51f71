package dev.mailtrace.replay;

import dev.mailtrace.smtp.SmtpReply;
import dev.mailtrace.smtp.Transaction;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the per-message results of a run go: CSV (RFC 4180, Apache Commons CSV) or JSON lines,
 * one record per message with provenance, envelope, every stage's reply, bytes, latency, outcome
 * and attempt count. Implementations are thread-safe.
 */
public interface ResultLog extends Closeable {

  /** Log formats. */
  enum Format {
    CSV,
    JSONL;

    /** The format a file name suggests: {@code .json}/{@code .jsonl}/{@code .ndjson} for JSON lines, else CSV. */
    public static Format of(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson") ? JSONL : CSV;
    }
  }

  /** Records one message. */
  void record(MessageResult result) throws IOException;

  @Override
  void close() throws IOException;

  /** A log that keeps nothing. */
  ResultLog NONE = new ResultLog() {
    @Override
    public void record(MessageResult result) {}

    @Override
    public void close() {}
  };

  /** Opens (truncates) a log file in the given format. */
  static ResultLog open(Path file, Format format) throws IOException {
    BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    return format == Format.CSV ? new CsvResultLog(w) : new JsonLinesResultLog(w);
  }

  /** The column names, in order, shared by both formats. */
  List<String> COLUMNS = List.of(
      "file", "offset", "length", "sha256", "index", "mail_from", "rcpt_to", "size", "outcome",
      "attempts", "mail_code", "mail_reply", "rcpt_codes", "rcpt_replies", "data_code", "data_reply",
      "end_code", "end_reply", "bytes", "latency_ms", "mail_ms", "rcpt_ms", "data_ms", "end_ms", "detail");

  /** The record's values in {@link #COLUMNS} order (null for absent values; numbers as Long or Double). */
  static List<Object> values(MessageResult r) {
    List<Object> v = new ArrayList<>(COLUMNS.size());
    v.add(r.source().file());
    v.add(r.source().offset());
    v.add(r.source().length());
    v.add(r.source().sha256());
    v.add((long) r.index());
    v.add(r.envelope() == null ? null : r.envelope().sender());
    v.add(r.envelope() == null ? null
        : String.join(" ", r.envelope().recipients().stream().map(x -> x.address()).toList()));
    v.add(r.size());
    v.add(r.outcome().label());
    v.add((long) r.attempts());
    Transaction t = r.last();
    v.add(code(t == null ? null : t.mail()));
    v.add(text(t == null ? null : t.mail()));
    if (t == null || t.recipients().isEmpty()) {
      v.add(null);
      v.add(null);
    } else {
      List<String> codes = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (SmtpReply rr : t.recipients()) {
        codes.add(String.valueOf(rr.code()));
        texts.add(rr.toString());
      }
      v.add(String.join(";", codes));
      v.add(String.join(" | ", texts));
    }
    v.add(code(t == null ? null : t.data()));
    v.add(text(t == null ? null : t.data()));
    v.add(code(t == null ? null : t.end()));
    v.add(text(t == null ? null : t.end()));
    v.add(t == null ? 0L : t.bytes());
    v.add(millis(r.latencyNanos()));
    v.add(t == null ? null : millis(t.mailNanos()));
    v.add(t == null ? null : millis(t.rcptNanos()));
    v.add(t == null ? null : millis(t.dataNanos()));
    v.add(t == null ? null : millis(t.endNanos()));
    v.add(r.detail() == null || r.detail().isEmpty() ? null : r.detail());
    return v;
  }

  private static Long code(SmtpReply r) {
    return r == null ? null : (long) r.code();
  }

  private static String text(SmtpReply r) {
    return r == null ? null : r.toString();
  }

  private static Double millis(long nanos) {
    return nanos < 0 ? null : Math.round(nanos / 1000.0) / 1000.0;
  }
}
