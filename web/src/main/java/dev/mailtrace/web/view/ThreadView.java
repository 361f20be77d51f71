package dev.mailtrace.web.view;

import dev.mailtrace.web.backend.MessageRow;
import dev.mailtrace.web.backend.SearchBackend;
import java.io.IOException;
import java.util.List;

/**
 * The thread page: a conversation's messages oldest first, each once however many copies are stored.
 *
 * @param thread the thread id
 * @param subject the first message's subject
 * @param rows the messages
 * @param truncated whether there were more than {@link #MAX} messages
 */
public record ThreadView(String thread, String subject, List<Row> rows, boolean truncated) {
  /** The most messages a thread page lists. */
  public static final int MAX = 1000;

  /** The conversation of a thread id or a message's SHA-256; empty rows when unknown. */
  public static ThreadView of(SearchBackend backend, String ref) throws IOException {
    List<MessageRow> messages = backend.thread(ref, MAX + 1);
    // Copies of the same bytes (an mbox and a Maildir of the same mail) are one message here; its
    // page lists every copy.
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<Row> rows = messages.stream().filter(m -> seen.add(m.sha256())).limit(MAX).map(Row::of).toList();
    String subject = rows.isEmpty() ? "" : rows.get(0).subject();
    return new ThreadView(ref, subject, rows, messages.size() > MAX);
  }
}
