package dev.mailtrace.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Replay into Exim, the second MTA family (Debian's package unpacked privately by
 * scripts/mta/exim-instance.sh): STARTTLS, AUTH, SIZE, 8BITMIME, SMTPUTF8 and CHUNKING, delivering
 * with an appendfile transport to a Maildir.
 */
class ReplayerEximTest extends RealMtaTest {

  @Override
  MtaInstance start(Path dir) throws Exception {
    return MtaInstance.start("exim-instance.sh", dir, String.valueOf(SIZE_LIMIT));
  }

  @Override
  Set<String> traceFields() {
    return Set.of("return-path", "envelope-to", "delivery-date", "received");
  }

  @Override
  String recipientField() {
    return "envelope-to";
  }

  /**
   * What Exim's appendfile transport removes before adding its own (return_path_remove,
   * envelope_to_remove, delivery_date_remove, all on by default).
   */
  @Override
  Set<String> droppedFields() {
    return Set.of("envelope-to", "delivery-date");
  }

  @Override
  boolean endsHeaderAtNonField() {
    return true;
  }

  /**
   * mime4j's two messages whose header ends with a line holding one space: Exim takes that line
   * for the empty line ending the header and delivers it empty; sisimai's mailbox/mbox-0 at 80359
   * has a NUL byte at the end of its Subject line.
   */
  @Override
  List<String> knownDisagreements() {
    return List.of("basic-plain-with-bad-header-separator.msg@0", "basic-plain-with-bad-header-separator.out@0", "mbox-0@80359");
  }

  @Override
  String unknownRecipientReply() {
    return "550 5.1.1";
  }
}
