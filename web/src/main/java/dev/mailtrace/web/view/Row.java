package dev.mailtrace.web.view;

import dev.mailtrace.web.backend.MessageRow;

/**
 * One message in a result list, as displayed.
 *
 * @param href the message's page
 * @param date the date in UTC, or empty
 * @param from the sender
 * @param to the recipients
 * @param subject the subject, or "(no subject)"
 * @param size the stored size, readable
 * @param attachment whether it has attachments
 * @param bounce whether it reports a failed delivery
 * @param duplicate whether its bytes or Message-ID occur elsewhere
 * @param threadHref its conversation
 * @param routeHref its trace path
 */
public record Row(
    String href,
    String date,
    String from,
    String to,
    String subject,
    String size,
    boolean attachment,
    boolean bounce,
    boolean duplicate,
    String threadHref,
    String routeHref) {

  /** The row of a message. */
  public static Row of(MessageRow m) {
    return new Row(
        Urls.message(m.sha256()),
        Display.date(m.date()),
        m.from() == null ? "" : m.from(),
        m.to() == null ? "" : m.to(),
        m.subject() == null || m.subject().isBlank() ? "(no subject)" : m.subject(),
        Display.size(m.length()),
        m.attachment(),
        m.bounce(),
        m.duplicate(),
        m.thread() == null ? null : Urls.thread(m.thread()),
        Urls.route(m.sha256()));
  }
}
