package dev.mailtrace.web.view;

import dev.mailtrace.bounce.BounceClassifier;
import dev.mailtrace.bounce.BouncedRecipient;
import dev.mailtrace.bounce.DeliveryReport;
import dev.mailtrace.bounce.ReportKind;
import dev.mailtrace.header.EncodedWords;
import dev.mailtrace.message.Address;
import dev.mailtrace.message.Header;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import dev.mailtrace.received.HopChain;
import dev.mailtrace.web.body.SanitisedHtml;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The message page: provenance with each copy's verification, headers raw and decoded, the MIME
 * tree with sizes and hashes, the decoded text, HTML parts (sanitised, in sandboxed frames, with
 * what was blocked), attachments, the delivery report, and links to the thread, route and source.
 *
 * @param sha256 the message's SHA-256
 * @param subject the decoded subject
 * @param from senders, displayed
 * @param to recipients, displayed
 * @param cc copies, displayed
 * @param date the date with its offset
 * @param messageId the Message-ID, or null
 * @param checks the verification of every stored copy
 * @param readable whether a copy verified and was read
 * @param rawHeaders the header section as stored
 * @param headers each field with its decoded value
 * @param parts the MIME tree
 * @param attachments the attachment parts
 * @param text the decoded text
 * @param frames the HTML parts
 * @param report the delivery report's recipients, empty for ordinary mail
 * @param reportKind what kind of report, or null
 * @param hops how many Received hops
 * @param anomalies the trace path's anomalies
 * @param problems what the parser could not read
 * @param threadHref the conversation
 * @param routeHref the trace path
 * @param sourceHref the source as text
 * @param storedHref the stored bytes as a download
 */
public record MessageView(
    String sha256,
    String subject,
    String from,
    String to,
    String cc,
    String date,
    String messageId,
    List<OpenedMessage.Check> checks,
    boolean readable,
    String rawHeaders,
    List<HeaderRow> headers,
    List<PartRow> parts,
    List<PartRow> attachments,
    String text,
    List<Frame> frames,
    List<Recipient> report,
    String reportKind,
    int hops,
    List<String> anomalies,
    List<String> problems,
    String threadHref,
    String routeHref,
    String sourceHref,
    String storedHref) {

  /**
   * A header field.
   *
   * @param name the name as written
   * @param raw the unfolded value as stored
   * @param decoded the value with encoded words decoded, or null when the same
   */
  public record HeaderRow(String name, String raw, String decoded) {}

  /**
   * An HTML part shown in a sandboxed frame.
   *
   * @param path its section number
   * @param href the sanitised document
   * @param blocked the remote references removed from it
   * @param inertLinks how many links were made inert
   */
  public record Frame(String path, String href, List<String> blocked, int inertLinks) {}

  /**
   * One recipient of a delivery report.
   *
   * @param recipient the address
   * @param action failed, delayed, ...
   * @param status the RFC 3463 status
   * @param reason the classified reason
   * @param hard "hard", "soft" or empty
   * @param remoteHost the remote MTA
   * @param diagnostic its diagnostic text
   */
  public record Recipient(String recipient, String action, String status, String reason, String hard, String remoteHost, String diagnostic) {}

  /** The page of an opened message. */
  public static MessageView of(OpenedMessage opened) {
    String sha = opened.sha256();
    Message m = opened.message();
    if (m == null) {
      return new MessageView(sha, "(unreadable)", "", "", "", "", null, opened.checks(), false, "", List.of(), List.of(), List.of(), "",
          List.of(), List.of(), null, 0, List.of(), List.of(), null, Urls.route(sha), Urls.source(sha), Urls.stored(sha));
    }
    List<PartRow> parts = PartRow.of(sha, m.root());
    List<PartRow> attachments = parts.stream().filter(PartRow::attachment).toList();
    List<Frame> frames = new ArrayList<>();
    for (Part p : m.leaves()) {
      if (HtmlParts.isShown(p)) {
        SanitisedHtml s = HtmlParts.sanitise(m, p);
        frames.add(new Frame(p.path(), Urls.html(sha, p.path()), s.blocked(), s.inertLinks()));
      }
    }
    DeliveryReport dr = new BounceClassifier().classify(m);
    List<Recipient> report = new ArrayList<>();
    for (BouncedRecipient r : dr.recipients()) {
      report.add(new Recipient(nz(r.recipient()), nz(r.action()), nz(r.deliveryStatus()), r.reason() == null ? "" : r.reason().label(),
          r.reason() == null ? "" : r.hard() ? "hard" : "soft", nz(r.remoteHost()), nz(r.diagnostic())));
    }
    HopChain chain = HopChain.of(m);
    return new MessageView(
        sha,
        m.subject() == null || m.subject().isBlank() ? "(no subject)" : m.subject(),
        addresses(m.from()),
        addresses(m.to()),
        addresses(m.cc()),
        Display.date(m.date()),
        m.messageId(),
        opened.checks(),
        true,
        SourceText.headerSection(opened.stored()),
        headers(m),
        parts,
        attachments,
        m.text() == null ? "" : m.text(),
        frames,
        report,
        dr.kind() == ReportKind.NONE ? null : dr.kind().name().toLowerCase(Locale.ROOT),
        chain.hops().size(),
        chain.anomalies(),
        m.problems(),
        opened.row().thread() == null ? null : Urls.thread(opened.row().thread(), sha),
        Urls.route(sha),
        Urls.source(sha),
        Urls.stored(sha));
  }

  private static List<HeaderRow> headers(Message m) {
    List<HeaderRow> rows = new ArrayList<>(m.headers().size());
    for (Header h : m.headers()) {
      String decoded = EncodedWords.decode(h.value(), new ArrayList<>());
      rows.add(new HeaderRow(h.name(), h.value(), decoded.equals(h.value()) ? null : decoded));
    }
    return rows;
  }

  private static String addresses(List<Address> list) {
    StringBuilder b = new StringBuilder();
    for (Address a : list) {
      if (!b.isEmpty()) {
        b.append(", ");
      }
      b.append(a.name() == null || a.name().isBlank() ? a.address() : a.name() + " <" + a.address() + ">");
    }
    return b.toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
