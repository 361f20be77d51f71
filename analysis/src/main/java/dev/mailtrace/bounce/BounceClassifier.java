package dev.mailtrace.bounce;

import dev.mailtrace.message.Address;
import dev.mailtrace.message.Header;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells whether a message is a delivery report and reads every recipient's outcome from it.
 *
 * <p>Reads RFC 3464 delivery status notifications (multipart/report; report-type=delivery-status),
 * RFC 5965 feedback reports, RFC 3834 auto-replies, and the human-readable bounces MTAs write
 * without RFC 3464 (Postfix, Sendmail, Exim, qmail, Exchange, webmail providers, in several
 * languages). Ordinary mail is let go after a few header checks, before any body is scanned.
 * Thread-safe and stateless; never throws.
 */
public final class BounceClassifier {

  /** Creates a classifier; it holds no state, so one instance can serve every thread. */
  public BounceClassifier() {}

  /** Classifies a parsed message; ordinary mail gives {@link DeliveryReport#NONE}. Never throws. */
  public DeliveryReport classify(Message message) {
    if (message == null || message.root() == null) {
      return DeliveryReport.NONE;
    }
    try {
      return decide(message);
    } catch (RuntimeException bad) {
      // bad input is data: a message we cannot read as a report is not one
      return DeliveryReport.NONE;
    }
  }

  /** The parts of a message that matter to a report, found in one walk of the MIME tree. */
  private static final class Layout {
    Part status;
    Part feedback;
    Part original;
    Part originalHeaders;
    final List<Part> texts = new ArrayList<>(4);
    final List<Part> htmls = new ArrayList<>(2);

    void walk(Part p, int depth) {
      if (depth > 20) {
        return;
      }
      String ct = p.contentType();
      if (ct.equals("message/delivery-status") || ct.equals("message/global-delivery-status")) {
        if (status == null) {
          status = p;
        }
        return;
      }
      if (ct.equals("message/feedback-report")) {
        if (feedback == null) {
          feedback = p;
        }
        return;
      }
      if (ct.startsWith("message/")) {
        if (original == null
            && (ct.equals("message/rfc822")
                || ct.equals("message/global")
                || ct.equals("message/partial")
                || ct.equals("message/news"))) {
          original = p;
        }
        return;
      }
      if (ct.equals("text/rfc822-headers") || ct.equals("text/global-headers")) {
        if (originalHeaders == null) {
          originalHeaders = p;
        }
        return;
      }
      if (p.isLeaf()) {
        if (ct.equals("text/plain")
            || (ct.startsWith("multipart/") && !"attachment".equals(p.disposition()))) {
          // a multipart whose parts could not be split is read as text too
          texts.add(p);
        } else if (ct.equals("text/html")) {
          htmls.add(p);
        }
        return;
      }
      for (Part c : p.children()) {
        walk(c, depth + 1);
      }
    }
  }

  private DeliveryReport decide(Message m) {
    Part root = m.root();
    String from = firstAddress(m.from());
    String fromName = m.from().isEmpty() ? null : m.from().get(0).name();
    String subject = m.subject() == null ? "" : m.subject().toLowerCase(Locale.ROOT);
    boolean daemon = isDaemon(from, fromName);
    boolean multipart = root.isMultipart();
    boolean bouncy =
        daemon || Signals.subjectSaysBounce(subject) || m.header("X-Failed-Recipients") != null;
    if (SesNotification.looksLikeOne(subject, from)) {
      DeliveryReport ses = ses(m);
      if (ses != null) {
        return ses;
      }
    }
    String autoSubmitted = m.header("Auto-Submitted");
    boolean autoReply = !daemon && Signals.isAutoReply(m, subject, autoSubmitted);
    boolean reportType = root.contentType().equals("multipart/report");
    if (!reportType && !bouncy && !autoReply && !multipart) {
      if (m.header("X-MLServer") != null) {
        DeliveryReport list = listRefusal(m, from);
        if (list != null) {
          return list;
        }
      }
      // the fast exit for ordinary single-part mail
      return DeliveryReport.NONE;
    }
    Layout layout = new Layout();
    layout.walk(root, 0);
    if (layout.status == null
        && layout.feedback == null
        && layout.original != null
        && !layout.original.children().isEmpty()) {
      // a report forwarded as an attachment: read the enclosed report instead
      Layout inner = new Layout();
      inner.walk(layout.original.children().get(0), 1);
      if (inner.status != null || inner.feedback != null) {
        layout = inner;
      }
    }
    if (layout.feedback != null) {
      return feedback(m, layout);
    }
    if (layout.original != null && Formats.isJunkMailReport(subject)) {
      return junkMailReport(layout);
    }
    if (layout.status != null) {
      DeliveryReport r = deliveryStatus(m, layout);
      if (r != null) {
        return r;
      }
    }
    if (Formats.isUnsubscribe(m)) {
      return new DeliveryReport(
          ReportKind.FEEDBACK, null, "opt-out", m.inReplyTo(), null, null, null,
          List.of(senderOnly(from, m, Reason.FEEDBACK)));
    }
    if (autoReply && !bouncy) {
      return autoReply(m, from);
    }
    if (!bouncy
        && !reportType
        && !(layout.original != null && Signals.textSaysBounce(plainText(layout)))) {
      return DeliveryReport.NONE;
    }
    boolean strong = daemon || reportType || m.header("X-Failed-Recipients") != null;
    return textBounce(m, layout, from, strong);
  }

  // ---------------------------------------------------------------- mailing-list managers

  /**
   * The fml list manager answers a post it refuses with a notice of its own, sent from the list's
   * "-admin" address with an fml Message-ID ("...FML...@"): the refused address is the list's,
   * named in angle brackets in the text. Null when the message is not such a notice.
   */
  private static DeliveryReport listRefusal(Message m, String from) {
    String id = m.messageId();
    if (from == null || !from.contains("-admin@") || id == null || !id.contains(".FML")) {
      return null;
    }
    String body = lf(decoded(m.root()));
    String lowerBody = body.toLowerCase(Locale.ROOT);
    String subject = m.subject() == null ? "" : m.subject().toLowerCase(Locale.ROOT);
    Reason reason = Formats.listRefusalReason(lowerBody, subject);
    if (reason == null) {
      return null;
    }
    for (String line : BounceText.lines(body)) {
      int lt = line.indexOf('<');
      int gt = line.indexOf('>', lt + 1);
      if (lt >= 0 && gt > lt && line.substring(lt, gt).indexOf('@') > 0) {
        String address = line.substring(lt + 1, gt).strip().toLowerCase(Locale.ROOT);
        BouncedRecipient r =
            new BouncedRecipient(
                address,
                null,
                "failed",
                null,
                null,
                null,
                BounceText.oneLine(line),
                null,
                reason,
                ReasonRules.isHard(reason, line));
        String ref = m.references().isEmpty() ? null : m.references().get(0);
        return new DeliveryReport(
            ReportKind.BOUNCE, null, null, ref, null, null, null, List.of(r));
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- feedback (RFC 5965)

  private DeliveryReport feedback(Message m, Layout layout) {
    DsnFields f = DsnFields.parse(text(layout.feedback));
    Map<String, String> fields = f.perMessage();
    if (!f.recipients().isEmpty()) {
      fields = new java.util.LinkedHashMap<>(fields);
      for (Map<String, String> r : f.recipients()) {
        for (Map.Entry<String, String> e : r.entrySet()) {
          fields.putIfAbsent(e.getKey(), e.getValue());
        }
      }
    }
    String type = fields.get("feedback-type");
    if (type != null) {
      type = type.strip().toLowerCase(Locale.ROOT);
    }
    Original orig = original(layout, null);
    List<String> recipients = new ArrayList<>();
    // RFC 5965 section 3.2: Original-Rcpt-To may repeat, one per recipient
    for (String line : BounceText.lines(text(layout.feedback))) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Original-Rcpt-To")) {
        String a = DsnFields.address(line.substring(colon + 1));
        if (a != null && !recipients.contains(a)) {
          recipients.add(a);
        }
      }
    }
    if (recipients.isEmpty() && orig.to != null) {
      for (String a : BounceText.addresses(orig.to)) {
        recipients.add(a);
      }
    }
    if (recipients.isEmpty()) {
      String a = DsnFields.address(fields.get("removal-recipient"));
      if (a != null) {
        recipients.add(a);
      }
    }
    if (recipients.isEmpty()) {
      recipients.add(null);
    }
    List<BouncedRecipient> out = new ArrayList<>();
    for (String r : recipients) {
      out.add(
          new BouncedRecipient(
              r,
              null,
              null,
              null,
              null,
              null,
              null,
              fields.get("source-ip"),
              Reason.FEEDBACK,
              false));
    }
    String reporting = fields.get("reporting-mta");
    return new DeliveryReport(
        ReportKind.FEEDBACK,
        reporting == null ? null : DsnFields.typed(reporting),
        type,
        orig.messageId,
        orig.subject,
        orig.from,
        orig.to,
        out);
  }

  // ---------------------------------------------------------------- Amazon SES notifications

  private DeliveryReport ses(Message m) {
    Layout layout = new Layout();
    layout.walk(m.root(), 0);
    SesNotification.Parsed p = SesNotification.parse(plainText(layout));
    if (p == null || p.entries().isEmpty()) {
      return null;
    }
    List<BouncedRecipient> out = new ArrayList<>();
    for (SesNotification.Entry e : p.entries()) {
      String addr = e.address() == null ? null : e.address().toLowerCase(Locale.ROOT);
      if (p.kind() == ReportKind.FEEDBACK) {
        out.add(
            new BouncedRecipient(
                addr, null, null, null, null, null, null, null, Reason.FEEDBACK, false));
      } else {
        String diag =
            e.diagnostic() == null ? null : BounceText.oneLine(DsnFields.typed(e.diagnostic()));
        String status =
            e.status() != null && StatusCode.parse(e.status()) != null ? e.status() : null;
        out.add(
            recipient(
                addr,
                null,
                e.action(),
                status,
                diag,
                DsnFields.type(e.diagnostic()),
                null,
                null,
                null,
                null));
      }
    }
    String mta = p.reportingMta() == null ? null : DsnFields.typed(p.reportingMta());
    return new DeliveryReport(
        p.kind(), mta, p.feedbackType(), p.messageId(), null, null, null, out);
  }

  /** A Microsoft JMRP complaint: the reported message attached, its recipient the complainant. */
  private DeliveryReport junkMailReport(Layout layout) {
    Original orig = original(layout, null);
    List<BouncedRecipient> out = new ArrayList<>();
    String hm = null;
    if (!layout.original.children().isEmpty()) {
      hm = layout.original.children().get(0).header("X-HmXmrOriginalRecipient");
    }
    List<String> to = BounceText.addresses(hm != null ? hm : orig.to == null ? "" : orig.to);
    if (to.isEmpty()) {
      to = new ArrayList<>();
      to.add(null);
    }
    for (String a : to) {
      out.add(
          new BouncedRecipient(
              a, null, null, null, null, null, null, null, Reason.FEEDBACK, false));
    }
    return new DeliveryReport(
        ReportKind.FEEDBACK, null, "abuse", orig.messageId, orig.subject, orig.from, orig.to, out);
  }

  // ---------------------------------------------------------------- RFC 3464

  private DeliveryReport deliveryStatus(Message m, Layout layout) {
    return deliveryStatus(m, layout, DsnFields.parse(text(layout.status)), plainText(layout));
  }

  private DeliveryReport deliveryStatus(Message m, Layout layout, DsnFields f, String report) {
    if (f.recipients().isEmpty()) {
      return null;
    }
    BounceText.Split split = BounceText.split(report);
    Set<String> exclude = excluded(m);
    List<BounceText.Finding> findings = null;
    String general = null;
    List<BouncedRecipient> out = new ArrayList<>();
    for (Map<String, String> r : f.recipients()) {
      String recipient = DsnFields.address(r.get("final-recipient"));
      String original = DsnFields.address(r.get("original-recipient"));
      String actual = DsnFields.address(r.get("x-actual-recipient"));
      if (recipient == null || recipient.indexOf('@') < 0) {
        recipient = original != null ? original : actual;
      }
      String action = r.get("action");
      action = action == null ? null : normalAction(action.strip().toLowerCase(Locale.ROOT));
      String statusField = firstToken(r.get("status"));
      String openSmtpdLine = null;
      if (statusField != null
          && statusField.startsWith("4")
          && "delayed".equals(action)
          && r.get("diagnostic-code") == null
          && isOpenSmtpdNotice(split.report())) {
        // OpenSMTPD's delay notice fills Status with its own queue's guess (4.0.0, or 4.4.7 when
        // the envelope expired), not a code any server replied; its word is the per-recipient
        // line of the human part, which Sisimai reads as a failure (bounce.c, NOTICE_INTRO)
        statusField = null;
        // bounce.c writes one line per recipient ("rcpt: reason"); the paragraph after it is
        // the notice's boilerplate ("this is only a temporary failure report"), not the cause
        openSmtpdLine = recipientLine(split.report(), recipient);
      }
      String diagRaw = r.get("diagnostic-code");
      String diagType = DsnFields.type(diagRaw);
      String diagnostic = diagRaw == null ? null : BounceText.oneLine(DsnFields.typed(diagRaw));
      String context = null;
      BounceText.Finding finding = null;
      if (diagnostic == null
          || diagnostic.isEmpty()
          || Codes.findCommand(diagnostic.toLowerCase(Locale.ROOT)) == null
          || Codes.findReply(diagnostic, (char) 0) == null) {
        // the text part is read only when the fields leave something out
        if (findings == null) {
          findings = BounceText.scan(split.report(), exclude);
        }
        finding = find(findings, recipient, original);
      }
      if (finding != null) {
        context = finding.context() + " " + finding.diagnostic();
      }
      if ((diagnostic == null || diagnostic.isEmpty())
          && finding != null
          && BounceText.telling(finding.diagnostic())) {
        diagnostic = finding.diagnostic();
      }
      if (diagnostic == null || diagnostic.isEmpty()) {
        if (general == null) {
          general = BounceText.generalDiagnostic(split.report());
        }
        if (!general.isEmpty()) {
          diagnostic = general;
        }
      }
      if (openSmtpdLine != null) {
        diagnostic = openSmtpdLine;
      }
      String remote = DsnFields.typed(r.get("remote-mta"));
      if (remote == null || remote.isEmpty()) {
        remote = Signals.remoteHost(diagnostic);
      }
      String textReply = finding == null ? null : Codes.findReply(finding.diagnostic(), (char) 0);
      String specific = null;
      if (textReply == null
          && diagType != null
          && diagType.startsWith("X-UNIX")
          && isExitStatus(diagnostic)) {
        // Sendmail reports a local program's exit status ("X-Unix; 71") and puts the reply it
        // gave the sender ("451 4.0.0 Operating system error") at the end of its transcript
        textReply = transcriptReply(split.report());
        String coded = transcriptStatus(split.report());
        if (coded != null && statusField != null && statusField.endsWith(".0.0")
            && coded.charAt(0) == statusField.charAt(0) && !coded.endsWith(".0.0")) {
          specific = coded;
        }
      }
      BouncedRecipient b =
          recipient(
              recipient,
              original,
              action,
              statusField,
              diagnostic,
              diagType,
              remote,
              context,
              null,
              textReply);
      if (specific != null) {
        // the transcript's code is more precise than the generic X.0.0 of the field; the reason
        // stays the one the local program's failure gave
        b =
            new BouncedRecipient(
                b.recipient(), b.originalRecipient(), b.action(), specific, b.replyCode(),
                b.command(), b.diagnostic(), b.remoteHost(), b.reason(), b.hard());
      }
      out.add(b);
    }
    Original orig = original(layout, split.originalHeaders());
    String reporting = f.perMessage().get("reporting-mta");
    return new DeliveryReport(
        kindOf(out),
        reporting == null ? null : DsnFields.typed(reporting),
        null,
        orig.messageId,
        orig.subject,
        orig.from,
        orig.to,
        out);
  }

  /** True for the notice OpenSMTPD's bounce.c writes ("This is the MAILER-DAEMON, please DO NOT REPLY"). */
  private static boolean isOpenSmtpdNotice(String report) {
    return report != null
        && containsIgnoreCase(report, "this is the mailer-daemon, please do not reply to this");
  }

  /** The rest of the line that starts with "recipient:", or null. */
  private static String recipientLine(String report, String recipient) {
    if (report == null || recipient == null) {
      return null;
    }
    String prefix = recipient + ":";
    for (String line : report.split("\n", -1)) {
      String t = line.strip();
      if (t.regionMatches(true, 0, prefix, 0, prefix.length())) {
        String rest = t.substring(prefix.length()).strip();
        return rest.isEmpty() ? null : rest;
      }
    }
    return null;
  }

  private static boolean isExitStatus(String diagnostic) {
    if (diagnostic == null || diagnostic.isEmpty() || diagnostic.length() > 3) {
      return false;
    }
    for (int i = 0; i < diagnostic.length(); i++) {
      if (!Character.isDigit(diagnostic.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The enhanced status of the first coded line of a Sendmail transcript, or null. */
  private static String transcriptStatus(String report) {
    String reply = transcriptReply(report);
    if (reply == null) {
      return null;
    }
    int at = report.indexOf("----- Transcript of session follows -----");
    for (String l : BounceText.lines(report.substring(at))) {
      String t = l.strip();
      if (t.startsWith(reply + " ")) {
        return Codes.findStatus(t, reply.charAt(0));
      }
    }
    return null;
  }

  /** The reply code of the first coded line of a Sendmail transcript, or null. */
  private static String transcriptReply(String report) {
    int at = report.indexOf("----- Transcript of session follows -----");
    if (at < 0) {
      return null;
    }
    for (String l : BounceText.lines(report.substring(at))) {
      String t = l.strip();
      if (t.length() > 4
          && (t.charAt(0) == '4' || t.charAt(0) == '5')
          && Character.isDigit(t.charAt(1))
          && Character.isDigit(t.charAt(2))
          && t.charAt(3) == ' ') {
        return t.substring(0, 3);
      }
      if (t.startsWith("-----") && !t.contains("Transcript")) {
        break;
      }
    }
    return null;
  }

  private static String normalAction(String a) {
    // RFC 3464 section 2.3.3 allows failed, delayed, delivered, relayed, expanded; MTAs write more
    if (a.startsWith("fail")) {
      return "failed";
    }
    if (a.startsWith("delay")) {
      return "delayed";
    }
    if (a.startsWith("deliver")) {
      return "delivered";
    }
    if (a.startsWith("expire")) {
      return "failed";
    }
    int sp = a.indexOf(' ');
    return sp > 0 ? a.substring(0, sp) : a;
  }

  private static String firstToken(String v) {
    if (v == null) {
      return null;
    }
    String s = v.strip();
    int sp = 0;
    while (sp < s.length() && !Character.isWhitespace(s.charAt(sp)) && s.charAt(sp) != '(') {
      sp++;
    }
    s = s.substring(0, sp);
    return StatusCode.parse(s) != null ? s : null;
  }

  private static BounceText.Finding find(List<BounceText.Finding> fs, String a, String b) {
    for (BounceText.Finding f : fs) {
      if (f.recipient().equals(a) || f.recipient().equals(b)) {
        return f;
      }
    }
    return null;
  }

  private static ReportKind kindOf(List<BouncedRecipient> rs) {
    boolean delayed = false;
    boolean delivered = false;
    for (BouncedRecipient r : rs) {
      if (r.reason() == Reason.DELIVERED
          || "delivered".equals(r.action())
          || "relayed".equals(r.action())
          || "expanded".equals(r.action())) {
        delivered = true;
      } else if ("delayed".equals(r.action())) {
        delayed = true;
      } else {
        return ReportKind.BOUNCE;
      }
    }
    if (delayed) {
      return ReportKind.DELAY;
    }
    return delivered ? ReportKind.DELIVERED : ReportKind.BOUNCE;
  }

  // ---------------------------------------------------------------- RFC 3834

  private DeliveryReport autoReply(Message m, String from) {
    return new DeliveryReport(
        ReportKind.AUTOREPLY, null, null, m.inReplyTo(), null, null, null,
        List.of(senderOnly(from, m, Reason.VACATION)));
  }

  /**
   * The one entry of a report that names no failed recipient (an auto-reply, an unsubscribe
   * notice): the sender, with the subject as the only diagnostic.
   */
  private static BouncedRecipient senderOnly(String from, Message m, Reason reason) {
    return new BouncedRecipient(
        from, null, null, null, null, null, BounceText.oneLine(m.subject()), null, reason, false);
  }

  // ---------------------------------------------------------------- human-readable bounces

  private static boolean anyTelling(List<BounceText.Finding> findings) {
    for (BounceText.Finding f : findings) {
      if (BounceText.telling(f.diagnostic())) {
        return true;
      }
    }
    return false;
  }

  private DeliveryReport textBounce(Message m, Layout layout, String from, boolean strong) {
    String report = plainText(layout);
    if (report.isEmpty()) {
      return DeliveryReport.NONE;
    }
    if (containsIgnoreCase(report, "final-recipient:")) {
      // RFC 3464 fields pasted into the text (a forwarded or flattened report)
      String unquoted = String.join("\n", BounceText.unquoted(BounceText.lines(report)));
      DeliveryReport inline =
          deliveryStatus(m, layout, DsnFields.parse(dsnRegion(unquoted)), unquoted);
      if (inline != null) {
        return inline;
      }
    }
    BounceText.Split split = BounceText.split(report);
    Set<String> exclude = excluded(m);
    List<BounceText.Finding> findings =
        new ArrayList<>(BounceText.scan(split.report(), senders(m), exclude));
    String general = null;
    if (findings.isEmpty()) {
      for (String h : m.headers("X-Failed-Recipients")) {
        for (String a : BounceText.addresses(h)) {
          findings.add(new BounceText.Finding(a, "", ""));
        }
      }
    }
    Original orig = original(layout, split.originalHeaders());
    if (findings.isEmpty() && orig.to != null) {
      general = BounceText.generalDiagnostic(split.report());
    }
    boolean reportType = m.root().contentType().equals("multipart/report");
    if (findings.isEmpty()
        && orig.to != null
        && (reportType
            || (strong && BounceText.telling(general))
            || Codes.findStatus(general, (char) 0) != null
            || Codes.findReply(general, (char) 0) != null)) {
      // no recipient line: the returned original's To is the best guess, and only when a code
      // in the text, or failure words from a mailer daemon, show that something failed
      boolean coded =
          Codes.findStatus(general, (char) 0) != null
              || Codes.findReply(general, (char) 0) != null
              || (strong && !reportType && BounceText.telling(general));
      for (String a : BounceText.addresses(orig.to)) {
        if (!exclude.contains(a)) {
          // without a code the prose says nothing about this recipient in particular
          findings.add(new BounceText.Finding(a, coded ? general : "", ""));
          if (!coded) {
            general = "";
          }
          break;
        }
      }
    }
    if (findings.isEmpty()) {
      return DeliveryReport.NONE;
    }
    if (!strong && !anyTelling(findings)) {
      // only the subject or a forwarded attachment hinted at a bounce, and nothing in the text
      // says what failed: ordinary mail
      return DeliveryReport.NONE;
    }
    List<BouncedRecipient> out = new ArrayList<>();
    String lowerReport = split.report().toLowerCase(Locale.ROOT);
    boolean delayed = Signals.saysDelayed(lowerReport);
    Reason preset = Formats.preset(m, lowerReport, findings);
    for (BounceText.Finding f : findings) {
      String diagnostic = f.diagnostic();
      boolean uncoded =
          Codes.findReply(diagnostic, (char) 0) == null
              && Codes.findStatus(diagnostic, (char) 0) == null;
      if (uncoded && general == null && !diagnostic.isEmpty()) {
        general = BounceText.generalDiagnostic(split.report());
      }
      if (!BounceText.telling(diagnostic)
          || (uncoded
              && !diagnostic.isEmpty()
              && Codes.findReply(general, (char) 0) != null
              && !ReasonRules.isKnown(diagnostic.toLowerCase(Locale.ROOT)))) {
        // the lines after the address say nothing a reason can be read from, while the report
        // carries a coded reply elsewhere (a "details" block after the error): read both
        if (general == null) {
          general = BounceText.generalDiagnostic(split.report());
        }
        diagnostic =
            diagnostic.isEmpty()
                ? general
                : general.isEmpty() ? diagnostic : diagnostic + " " + general;
      }
      String remote = Signals.remoteHost(f.context() + " " + diagnostic);
      out.add(
          recipient(
              f.recipient(),
              null,
              delayed ? "delayed" : null,
              null,
              diagnostic,
              null,
              remote,
              f.context() + " " + diagnostic,
              preset,
              null));
    }
    ReportKind kind = kindOf(out);
    if (kind == ReportKind.DELIVERED) {
      kind = ReportKind.BOUNCE;
    }
    return new DeliveryReport(
        kind, Signals.reportingMta(m), null, orig.messageId, orig.subject, orig.from, orig.to, out);
  }

  // ---------------------------------------------------------------- one recipient

  /**
   * One recipient's outcome; {@code textReply} is a reply code the human-readable part gives for
   * this recipient, used when the diagnostic itself has none (Sendmail's "X-Unix; 77").
   */
  private static BouncedRecipient recipient(
      String recipient,
      String original,
      String action,
      String statusField,
      String diagnostic,
      String diagType,
      String remote,
      String context,
      Reason preset,
      String textReply) {
    String diag = diagnostic == null || diagnostic.isEmpty() ? null : diagnostic;
    String fromDiag = Codes.findStatus(diag, (char) 0);
    String reply = Codes.findReply(diag, (char) 0);
    diag = joinContinuations(diag, reply, fromDiag);
    if (reply == null && textReply != null) {
      reply = textReply;
    }
    String status = prefer(statusField, fromDiag, reply);
    if (status != null && reply != null && status.charAt(0) != reply.charAt(0)) {
      // the reply code must agree with the status class (RFC 3463 section 2)
      reply = Codes.findReply(diag, status.charAt(0));
    }
    String lowerDiag = diag == null ? "" : diag.toLowerCase(Locale.ROOT);
    String command = Codes.findCommand(lowerDiag);
    if (command == null && ReasonRules.pointsAtRecipient(lowerDiag)) {
      command = "RCPT";
    }
    if (command == null && context != null) {
      command = Codes.findCommand(context.toLowerCase(Locale.ROOT));
    }
    if (action == null && status != null) {
      action =
          status.startsWith("2")
              ? "delivered"
              : status.startsWith("4") && diag != null && Signals.saysDelayed(lowerDiag)
                  ? "delayed"
                  : "failed";
    }
    if (action == null) {
      action = "failed";
    }
    Reason reason =
        ReasonRules.decide(
            new ReasonRules.Evidence(preset, status, reply, command, diag, diagType, action));
    if (reason == Reason.DELIVERED) {
      action = "delivered";
    }
    if (reason == Reason.FEEDBACK || reason == Reason.VACATION) {
      reply = null;
    }
    String cv = ((status == null ? "" : status) + " " + (diag == null ? "" : diag)).strip();
    boolean hard = ReasonRules.isHard(reason, cv);
    return new BouncedRecipient(
        recipient, original, action, status, reply, command, diag, remote, reason, hard);
  }

  /**
   * A multi-line SMTP reply read as one line repeats "550-5.7.1" before every piece (RFC 5321
   * section 4.2.1); the repeats are dropped so phrases read whole, and the codes put once in front.
   */
  static String joinContinuations(String diag, String reply, String status) {
    if (diag == null || reply == null || !diag.contains(reply + "-")) {
      return diag;
    }
    String d = diag;
    for (String sep : new String[] {"-", " "}) {
      if (status != null) {
        d = d.replace(reply + sep + status + " ", "");
        d = d.replace(reply + sep + status, "");
      }
      d = d.replace(reply + sep, "");
    }
    d = BounceText.oneLine(d);
    return reply + (status != null ? " " + status : "") + " " + d;
  }

  /**
   * Chooses between the Status field and a code quoted in the diagnostic: the more specific one, or
   * the one whose class agrees with the reply code.
   */
  static String prefer(String field, String inText, String reply) {
    if (field == null) {
      return inText;
    }
    if (inText == null || field.equals(inText)) {
      return field;
    }
    if (reply != null && field.charAt(0) != inText.charAt(0)) {
      if (reply.charAt(0) == field.charAt(0)) {
        return field;
      }
      if (reply.charAt(0) == inText.charAt(0)) {
        return inText;
      }
    }
    if (field.endsWith(".0.0")) {
      return inText.endsWith(".0.0") ? field : inText;
    }
    if (field.endsWith(".0") && !inText.endsWith(".0")) {
      return inText;
    }
    if (inText.endsWith(".0.0")) {
      return field;
    }
    if (field.equals("4.4.7")
        || field.equals("4.7.0")
        || field.startsWith("5.3.")
        || field.startsWith(".5.1", 1)
        || field.startsWith(".5.2", 1)
        || field.startsWith(".5.4", 1)
        || field.startsWith(".5.5", 1)) {
      return inText;
    }
    if (field.equals("5.1.1")) {
      return inText.startsWith("5.5.") ? field : inText.endsWith(".0") ? field : inText;
    }
    if (field.equals("5.1.3") && inText.startsWith("5.7.")) {
      return inText;
    }
    return field;
  }

  // ---------------------------------------------------------------- the returned original

  private static final class Original {
    String messageId;
    String subject;
    String from;
    String to;
  }

  private static Original original(Layout layout, String inlineHeaders) {
    Original o = new Original();
    List<Header> headers = null;
    if (layout.original != null && !layout.original.children().isEmpty()) {
      headers = layout.original.children().get(0).headers();
    } else if (layout.original != null && layout.original.isLeaf()) {
      headers = headerLines(lf(layout.original.text()));
    } else if (layout.originalHeaders != null) {
      headers = headerLines(lf(layout.originalHeaders.text()));
    } else if (inlineHeaders != null) {
      headers = headerLines(inlineHeaders);
    }
    if (headers == null) {
      return o;
    }
    for (Header h : headers) {
      String v = h.value().strip();
      if (h.is("Message-ID") && o.messageId == null) {
        o.messageId = stripBrackets(v);
      } else if (h.is("Subject") && o.subject == null) {
        o.subject = dev.mailtrace.header.EncodedWords.decode(v, new ArrayList<>());
      } else if (h.is("From") && o.from == null) {
        o.from = v;
      } else if (h.is("To") && o.to == null) {
        o.to = v;
      }
    }
    return o;
  }

  private static String stripBrackets(String v) {
    int lt = v.indexOf('<');
    int gt = v.indexOf('>', lt + 1);
    return lt >= 0 && gt > lt ? v.substring(lt + 1, gt) : v;
  }

  /** Header fields at the start of a text (leading blank lines skipped), unfolded. */
  static List<Header> headerLines(String text) {
    List<Header> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    boolean started = false;
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : BounceText.lines(text)) {
      if (line.isBlank()) {
        if (started) {
          break;
        }
        continue;
      }
      char c = line.charAt(0);
      if ((c == ' ' || c == '\t') && name != null) {
        value.append(' ').append(line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      boolean field = colon > 0 && line.substring(0, colon).indexOf(' ') < 0;
      if (!field) {
        if (started) {
          if (line.startsWith("From ")) {
            continue;
          }
          break;
        }
        continue;
      }
      if (name != null) {
        out.add(new Header(name, value.toString().strip()));
      }
      started = true;
      name = line.substring(0, colon);
      value.setLength(0);
      value.append(line.substring(colon + 1));
    }
    if (name != null) {
      out.add(new Header(name, value.toString().strip()));
    }
    return out;
  }

  // ---------------------------------------------------------------- helpers

  private static boolean containsIgnoreCase(String text, String needle) {
    int n = needle.length();
    char first = needle.charAt(0);
    char firstUpper = Character.toUpperCase(first);
    for (int i = 0; i + n <= text.length(); i++) {
      char c = text.charAt(i);
      if ((c == first || c == firstUpper) && text.regionMatches(true, i, needle, 0, n)) {
        return true;
      }
    }
    return false;
  }

  /** The text from the first per-message or per-recipient DSN field on. */
  private static String dsnRegion(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    int at = lower.indexOf("reporting-mta:");
    int fr = lower.indexOf("final-recipient:");
    int or = lower.indexOf("original-recipient:");
    int start = fr;
    if (or >= 0 && or < start) {
      start = or;
    }
    if (at >= 0 && at < start) {
      start = at;
    }
    start = text.lastIndexOf('\n', start) + 1;
    return text.substring(start);
  }

  private static Set<String> excluded(Message m) {
    Set<String> s = new HashSet<>();
    for (Address a : m.to()) {
      addLower(s, a.address());
    }
    for (Address a : m.from()) {
      addLower(s, a.address());
    }
    return s;
  }

  private static Set<String> senders(Message m) {
    Set<String> s = new HashSet<>();
    for (Address a : m.from()) {
      addLower(s, a.address());
    }
    return s;
  }

  private static void addLower(Set<String> s, String a) {
    if (a != null) {
      s.add(a.strip().toLowerCase(Locale.ROOT));
    }
  }

  private static String firstAddress(List<Address> list) {
    if (list.isEmpty() || list.get(0).address() == null) {
      return null;
    }
    return list.get(0).address().strip().toLowerCase(Locale.ROOT);
  }

  private static boolean isDaemon(String from, String name) {
    if (from != null) {
      int at = from.indexOf('@');
      String local = at > 0 ? from.substring(0, at) : from;
      if (local.contains("mailer-daemon")
          || local.contains("mailer_daemon")
          || local.contains("mailerdaemon")
          || local.contains("mail-daemon")
          || local.contains("postmaster")
          || local.contains("post_master")
          || local.contains("maildelivery")
          || local.contains("mail-delivery")
          || local.startsWith("bounce")
          || local.equals("mdaemon")
          || local.equals("mailer")
          || local.contains("nobody")
          || local.equals("root")
          || local.contains("daemon")
          || local.contains("no-reply-bounce")
          || local.equals("mail")
          || local.equals("mailadmin")) {
        return true;
      }
    }
    if (name != null) {
      String n = name.toLowerCase(Locale.ROOT);
      return n.contains("mail delivery")
          || n.contains("mailer-daemon")
          || n.contains("mailer daemon")
          || n.contains("postmaster")
          || n.contains("delivery subsystem")
          || n.contains("mail administrator")
          || n.contains("ndr administrator")
          || n.contains("mail delivery system");
    }
    return false;
  }

  /** The readable text of the report: its text/plain parts, else its HTML with tags removed. */
  private static String plainText(Layout layout) {
    StringBuilder sb = new StringBuilder();
    for (Part p : layout.texts) {
      sb.append(decoded(p)).append('\n');
    }
    if (sb.length() == 0) {
      for (Part p : layout.htmls) {
        sb.append(Signals.stripHtml(p.text())).append('\n');
      }
    }
    return lf(sb.toString());
  }

  /**
   * A part's text; a body in ISO-2022-JP without a charset label (common in Japanese bounces) shows
   * as escape sequences and is decoded as such (RFC 1468).
   */
  private static String decoded(Part p) {
    String t = p.text();
    if (t.indexOf('\u001b') >= 0 && t.contains("\u001b$B") && p.body() != null) {
      try {
        return new String(p.body(), java.nio.charset.Charset.forName("ISO-2022-JP"));
      } catch (RuntimeException unsupported) {
        return t;
      }
    }
    return t;
  }

  /** The text of a report part, whether the parser kept it as a leaf or as an enclosed entity. */
  private static String text(Part p) {
    if (p.isLeaf()) {
      return lf(decoded(p));
    }
    StringBuilder sb = new StringBuilder();
    appendEntity(sb, p.children().get(0), 0);
    return lf(sb.toString());
  }

  /** The text with CRLF and bare CR line ends turned into LF, so every scan sees one kind. */
  static String lf(String s) {
    if (s.indexOf('\r') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\r') {
        sb.append('\n');
        if (i + 1 < n && s.charAt(i + 1) == '\n') {
          i++;
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static void appendEntity(StringBuilder sb, Part p, int depth) {
    for (Header h : p.headers()) {
      sb.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    sb.append('\n');
    if (p.isLeaf()) {
      sb.append(p.text());
    } else if (depth < 4) {
      for (Part c : p.children()) {
        appendEntity(sb, c, depth + 1);
      }
    }
  }
}
