package dev.mailtrace.message;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed message: provenance, header fields, the fields mailtrace interprets, the MIME tree and
 * the problems met while reading it.
 *
 * <p>A message is always returned, however broken its input: what could not be understood is
 * described in {@code problems} (each "what: where" in one line).
 *
 * @param source where the stored bytes are
 * @param index position of the message in its source file, from 0
 * @param envelope the mbox {@code From } line, or null
 * @param headers top-level header fields, unfolded, in order
 * @param subject decoded Subject, or null
 * @param date Date with its original offset, or null when absent or unreadable
 * @param messageId Message-ID without angle brackets, or null
 * @param inReplyTo first id of In-Reply-To without angle brackets, or null
 * @param references ids of References in order
 * @param root the top MIME entity
 * @param text the readable body text: text/plain parts joined, or text reduced from text/html when
 *     there is no text/plain
 * @param problems what could not be read, in the order met
 */
public record Message(
    Source source,
    int index,
    String envelope,
    List<Header> headers,
    String subject,
    OffsetDateTime date,
    List<Address> from,
    List<Address> sender,
    List<Address> replyTo,
    List<Address> to,
    List<Address> cc,
    List<Address> bcc,
    String messageId,
    String inReplyTo,
    List<String> references,
    Part root,
    String text,
    List<String> problems) {

  public Message {
    headers = List.copyOf(headers);
    from = List.copyOf(from);
    sender = List.copyOf(sender);
    replyTo = List.copyOf(replyTo);
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    bcc = List.copyOf(bcc);
    references = List.copyOf(references);
    problems = List.copyOf(problems);
  }

  /** The first value of a top-level header field, or null. */
  public String header(String name) {
    for (Header h : headers) {
      if (h.is(name)) {
        return h.value();
      }
    }
    return null;
  }

  /** Every value of a top-level header field, in order. */
  public List<String> headers(String name) {
    List<String> values = new ArrayList<>(2);
    for (Header h : headers) {
      if (h.is(name)) {
        values.add(h.value());
      }
    }
    return values;
  }

  /** Every leaf part in depth-first order, the enclosed messages' parts included. */
  public List<Part> leaves() {
    List<Part> out = new ArrayList<>();
    collectLeaves(root, out);
    return out;
  }

  /** The leaves that are attachments. */
  public List<Part> attachments() {
    return leaves().stream().filter(Part::isAttachment).toList();
  }

  private static void collectLeaves(Part part, List<Part> out) {
    if (part.isLeaf()) {
      out.add(part);
    } else {
      for (Part child : part.children()) {
        collectLeaves(child, out);
      }
    }
  }
}
