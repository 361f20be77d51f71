package dev.mailtrace.replay;

import dev.mailtrace.archive.ArchiveFormat;
import dev.mailtrace.archive.StoredContent;
import dev.mailtrace.header.AddressParser;
import dev.mailtrace.header.DateParser;
import dev.mailtrace.message.Address;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.smtp.Envelope;
import dev.mailtrace.smtp.Envelope.Recipient;
import dev.mailtrace.smtp.MessageData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an archived message into a {@link PlannedMessage}: the envelope from the header (or from
 * the user), recipients through the {@link RecipientPolicy}, Bcc (and Return-Path) lines cut out
 * byte-exactly, the replay stamp in front. Thread-safe; never throws on bad mail (it becomes a refusal).
 *
 * <p>Sender: Return-Path, else Sender, else the first From address. Recipients: the topmost
 * Delivered-To, else the topmost X-Original-To (both name the mailbox the archived copy was
 * delivered to), else To, Cc and Bcc together.
 */
public final class ReplayPlanner {
  private final ReplayConfig config;

  /** A planner for a run's configuration. */
  public ReplayPlanner(ReplayConfig config) {
    this.config = config;
  }

  /** Plans one message read from an archive. */
  public PlannedMessage plan(RawMessage raw) {
    return plan(raw, null);
  }

  /**
   * Plans one message; with a {@link Capture} its envelope is the captured one (the sender unless
   * the run gives one, the recipients through the policy as usual).
   */
  public PlannedMessage plan(RawMessage raw, Capture capture) {
    byte[] content = raw.content();
    HeaderSection header = HeaderSection.scan(content);
    List<String> problems = new ArrayList<>(0);
    // A message longer than the in-memory limit came with only its first bytes: the rest is
    // streamed from its file when it is sent, verified against its SHA-256 first (here, on the
    // reading thread, not on a session's).
    StoredContent stored = null;
    String streamProblem = null;
    if (raw.source().length() > config.inMemoryLimit()) {
      if (header.bodyStart() >= content.length) {
        streamProblem = "header section longer than " + content.length + " bytes: not sent";
      } else {
        try {
          stored = StoredContent.of(raw.source(), ArchiveFormat.AUTO);
          stored.verify();
        } catch (IOException e) {
          streamProblem = "cannot read the message again from its file: " + e.getMessage();
          stored = null;
        }
      }
    }

    String sender = config.mailFrom() != null ? config.mailFrom()
        : capture != null ? capture.sender() : sender(header, problems);
    // With fixed recipients the archived ones do not matter; skip reading them.
    List<String> archived = !config.policy().fixed().isEmpty() ? List.of()
        : capture != null ? capture.recipients() : recipients(header, problems);

    // RFC 5322 section 3.6.3: Bcc (and Resent-Bcc) must not reach other recipients; cut them out.
    MessageData data = stored == null ? MessageData.of(content) : streamed(content, header.bodyStart(), stored);
    // RFC 5321 section 4.4: Return-Path is added at final delivery and a message sent on SHOULD
    // NOT carry one (the archived copy's is the envelope sender, which MAIL FROM carries).
    for (HeaderSection.Field f : header.fields()) {
      if (f.is(content, "Bcc") || f.is(content, "Resent-Bcc") || f.is(content, "Return-Path")) {
        data = data.omit(content, f.start(), f.end());
      }
    }
    if (config.stamp() != null) {
      data = data.prepend(("X-Mailtrace-Replay: " + config.stamp() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    // Dates are parsed only when original timing needs them.
    Instant arrival = config.timingFactor() > 0 ? arrival(header) : null;

    List<String> dropped = new ArrayList<>();
    List<Recipient> recipients = config.policy().apply(archived, dropped);
    String refusal = null;
    if (capture != null && capture.notReplayable() != null) {
      refusal = capture.notReplayable();
    } else if (streamProblem != null) {
      refusal = streamProblem;
    } else if (stored != null) {
      try {
        data.size();
      } catch (UncheckedIOException e) {
        refusal = "cannot read the message again from its file: " + e.getCause().getMessage();
      }
    }
    if (refusal != null) {
      // reported as it is
    } else if (sender == null) {
      refusal = "no sender: no Return-Path, Sender or From address; give one with --mail-from";
    } else if (recipients.isEmpty()) {
      refusal = archived.isEmpty()
          ? capture != null ? "no recipient: the capture has no RCPT" : "no recipient: no Delivered-To, X-Original-To, To, Cc or Bcc address"
          : "no recipient left after the recipient policy (dropped " + String.join(", ", dropped) + ")";
    }
    Envelope envelope = refusal == null
        ? new Envelope(sender, recipients, config.dsnNotify(), config.dsnRet(), config.dsnEnvid())
        : null;
    return new PlannedMessage(raw.source(), raw.index(), envelope, data, dropped, refusal, arrival);
  }

  /** The header section from memory, the body (from {@code bodyStart} on) read from the file each time it is sent. */
  private static MessageData streamed(byte[] content, int bodyStart, StoredContent stored) {
    return MessageData.of(content, 0, bodyStart).followedBy(() -> {
      InputStream in = stored.open();
      try {
        in.skipNBytes(bodyStart);
      } catch (IOException | RuntimeException e) {
        in.close();
        throw e;
      }
      return in;
    });
  }

  private static String sender(HeaderSection header, List<String> problems) {
    String returnPath = header.first("Return-Path");
    if (returnPath != null) {
      String v = returnPath.trim();
      if (v.equals("<>")) {
        return "";
      }
      List<String> a = addresses(v, problems);
      if (!a.isEmpty()) {
        return a.get(0);
      }
    }
    for (String name : new String[] {"Sender", "From"}) {
      String v = header.first(name);
      if (v != null) {
        List<String> a = addresses(v, problems);
        if (!a.isEmpty()) {
          return a.get(0);
        }
      }
    }
    return null;
  }

  private static List<String> recipients(HeaderSection header, List<String> problems) {
    for (String name : new String[] {"Delivered-To", "X-Original-To"}) {
      String v = header.first(name);
      if (v != null) {
        List<String> a = addresses(v, problems);
        if (!a.isEmpty()) {
          return a;
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String name : new String[] {"To", "Cc", "Bcc"}) {
      for (String v : header.all(name)) {
        out.addAll(addresses(v, problems));
      }
    }
    return out;
  }

  /** The addr-specs of an address list, via the shared RFC 5322 address grammar. */
  static List<String> addresses(String value, List<String> problems) {
    List<String> out = new ArrayList<>(2);
    for (Address a : AddressParser.parse(value, problems)) {
      if (a.address() == null) {
        continue;
      }
      // Defensive: text that still holds several mailboxes or angle brackets is split here, so
      // the envelope never carries display names whatever the grammar returned.
      for (String part : a.address().split(",")) {
        String s = part.trim();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
          s = s.substring(lt + 1, gt).trim();
        }
        if (s.indexOf('@') > 0 && s.indexOf(' ') < 0) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** When the message arrived: the date of the topmost Received field, else the Date field. */
  static Instant arrival(HeaderSection header) {
    String received = header.first("Received");
    if (received != null) {
      int semi = received.lastIndexOf(';');
      if (semi >= 0) {
        Instant t = date(received.substring(semi + 1));
        if (t != null) {
          return t;
        }
      }
    }
    String date = header.first("Date");
    return date == null ? null : date(date);
  }

  private static Instant date(String value) {
    String v = value.strip();
    OffsetDateTime parsed = DateParser.parse(v);
    if (parsed != null) {
      return parsed.toInstant();
    }
    // Until the shared date grammar is complete: RFC 5322 dates without comments.
    int paren = v.indexOf('(');
    if (paren > 0) {
      v = v.substring(0, paren).strip();
    }
    try {
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
