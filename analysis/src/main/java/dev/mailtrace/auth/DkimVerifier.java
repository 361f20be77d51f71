package dev.mailtrace.auth;

import dev.mailtrace.header.AddressParser;
import dev.mailtrace.message.Address;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies the DKIM signatures and the ARC chain of messages, offline with the keys a {@link
 * KeySource} gives. Never throws on bad input: what cannot be verified is a verdict with a reason.
 * Thread-safe: keys are looked up once per name and shared by all threads.
 *
 * <p>A message is taken as its raw bytes (an archive's {@link dev.mailtrace.message.RawMessage}
 * content): canonicalisation needs the header fields exactly as they were signed, folding and
 * spacing included, which the parsed model no longer holds.
 */
public final class DkimVerifier {
  private final KeyCache keys;
  private final PublicSuffixes suffixes;
  private final Clock clock;

  /** A verifier with the bundled Public Suffix List and the system clock. */
  public DkimVerifier(KeySource keys) {
    this(keys, PublicSuffixes.bundled(), Clock.systemUTC());
  }

  /**
   * A verifier with the given suffix list and clock; the clock only serves messages without any
   * readable Received or Date field, whose {@code x=} is judged against now.
   */
  public DkimVerifier(KeySource keys, PublicSuffixes suffixes, Clock clock) {
    this.keys = new KeyCache(Objects.requireNonNull(keys, "keys"));
    this.suffixes = Objects.requireNonNull(suffixes, "suffixes");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Verifies every DKIM-Signature and the ARC chain of one message (LF or CRLF line ends). */
  public Authenticity verify(byte[] content) {
    WireMessage m = WireMessage.of(content);
    List<String> problems = new ArrayList<>(m.problems);
    String fromDomain = fromDomain(m, problems);
    SignatureCheck check = new SignatureCheck(m, keys, new ReceiptTime(m, clock.instant()), fromDomain, suffixes);
    List<SignatureVerdict> dkim = new ArrayList<>(2);
    for (int f = 0; f < m.fields; f++) {
      if (m.is(f, "dkim-signature")) {
        dkim.add(check.messageSignature(f, SignatureTags.parse(SignatureField.DKIM_SIGNATURE, m.rawValue(f))));
      }
    }
    return new Authenticity(fromDomain, dkim, ArcVerifier.verify(m, check), problems);
  }

  /** The domain of the message's single From address (RFC 7489 section 6.6.1), or null. */
  private static String fromDomain(WireMessage m, List<String> problems) {
    List<Integer> froms = m.indexesOf("from");
    if (froms.size() != 1) {
      if (froms.size() > 1) {
        problems.add(froms.size() + " From fields");
      }
      return null;
    }
    List<Address> addresses = AddressParser.parse(m.value(froms.get(0)), new ArrayList<>());
    if (addresses.size() != 1) {
      if (addresses.size() > 1) {
        problems.add("From has " + addresses.size() + " addresses");
      }
      return null;
    }
    return addresses.get(0).domain();
  }
}
