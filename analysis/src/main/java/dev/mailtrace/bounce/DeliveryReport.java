package dev.mailtrace.bounce;

import java.util.List;

/**
 * The delivery report a message carries.
 *
 * @param kind what kind of report, {@link ReportKind#NONE} for ordinary mail
 * @param reportingMta Reporting-MTA or the MTA recognised from the bounce's format, or null
 * @param feedbackType ARF Feedback-Type for feedback reports, else null
 * @param originalMessageId Message-ID of the returned original, or null
 * @param originalSubject Subject of the returned original, or null
 * @param originalFrom From of the returned original, or null
 * @param originalTo To of the returned original, or null
 * @param recipients one entry per recipient reported
 */
public record DeliveryReport(
    ReportKind kind,
    String reportingMta,
    String feedbackType,
    String originalMessageId,
    String originalSubject,
    String originalFrom,
    String originalTo,
    List<BouncedRecipient> recipients) {

  public DeliveryReport {
    recipients = List.copyOf(recipients);
  }

  /** The report of a message that is not a delivery report. */
  public static final DeliveryReport NONE =
      new DeliveryReport(ReportKind.NONE, null, null, null, null, null, null, List.of());
}
