package dev.mailtrace.replay;

import dev.mailtrace.message.Source;
import dev.mailtrace.smtp.Envelope;
import dev.mailtrace.smtp.MessageData;
import java.time.Instant;
import java.util.List;

/**
 * One message ready to send: where it came from, the envelope after the recipient policy, the
 * content to send (Bcc removed, stamp added) and when it originally arrived.
 *
 * @param source provenance of the archived bytes
 * @param index position in its source file
 * @param envelope the envelope to send, or null when the message cannot be sent
 * @param data the content to send
 * @param dropped archived recipients the policy did not allow
 * @param refusal why the message will not be sent (no sender, no recipient left, ...), or null
 * @param arrival when the message originally arrived (first Received, else Date), or null (also when
 *     the run does not keep the original timing)
 */
public record PlannedMessage(
    Source source, int index, Envelope envelope, MessageData data, List<String> dropped, String refusal, Instant arrival) {
  public PlannedMessage {
    dropped = List.copyOf(dropped);
  }

  /** Bytes on the wire (CRLF line ends), before dot-stuffing. */
  public long size() {
    return data.size();
  }

  /** Whether the message will be sent. */
  public boolean isSendable() {
    return refusal == null;
  }
}
