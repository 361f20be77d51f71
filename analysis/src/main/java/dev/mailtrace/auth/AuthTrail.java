package dev.mailtrace.auth;

import dev.mailtrace.message.Header;
import dev.mailtrace.message.Message;
import dev.mailtrace.received.Hop;
import dev.mailtrace.received.HopChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Authentication-Results and Received-SPF fields of a message, each read and put on the hop of
 * the trace path whose server wrote it.
 *
 * <p>A receiving server adds these fields next to its own Received field, but not always on the
 * same side of it (Gmail writes them below its Received, Postfix milters above), so the position
 * alone does not tell whose they are. The server's name does: an authserv-id or Received-SPF
 * receiver that is the hop's {@code by} host, a subdomain or parent of it, or in the same
 * organisational domain; among such hops the nearest in the header wins. A field whose server
 * matches no hop goes to the hop of the Received field just above it (the last server that had
 * the message when the field was added), or the newest hop when it stands above them all.
 *
 * @param fields every Authentication-Results and Received-SPF field of the top-level header, top
 *     to bottom
 */
public record AuthTrail(List<AuthField> fields) {
  public AuthTrail {
    fields = List.copyOf(fields);
  }

  /**
   * One field, read and placed.
   *
   * @param hop the hop (travel order, from 1, as in {@link HopChain}) whose server wrote it; 0 when
   *     the message has no Received field
   * @param byName true when the hop was found by the server's name, false when by position
   * @param name the field name as written
   * @param server the authserv-id or SPF receiver, lower case, or null
   * @param verdicts its methods' results: one per method for Authentication-Results, one "spf" for
   *     Received-SPF
   * @param problems what in the field breaks its grammar
   * @param raw the field's value as read
   */
  public record AuthField(int hop, boolean byName, String name, String server, List<Verdict> verdicts,
      List<String> problems, String raw) {
    public AuthField {
      verdicts = List.copyOf(verdicts);
      problems = List.copyOf(problems);
    }
  }

  /**
   * One method's result as a server stated it.
   *
   * @param method dkim, spf, dmarc, arc, ...
   * @param result pass, fail, ...
   * @param identity what was judged (header.d, smtp.mailfrom, header.from, ...), or null
   * @param reason the reason= value or the comment, or null
   */
  public record Verdict(String method, String result, String identity, String reason) {}

  /** Reads and places the fields of {@code m}'s top-level header on {@code chain}'s hops. */
  public static AuthTrail of(Message m, HopChain chain) {
    return of(m.headers(), chain, PublicSuffixes.bundled());
  }

  /** Reads and places the fields of a header section on {@code chain}'s hops (made from it). */
  public static AuthTrail of(List<Header> headers, HopChain chain, PublicSuffixes suffixes) {
    List<Integer> received = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).is("Received")) {
        received.add(i);
      }
    }
    int n = received.size();
    List<AuthField> out = new ArrayList<>();
    for (int p = 0; p < headers.size(); p++) {
      Header h = headers.get(p);
      String server;
      List<Verdict> verdicts = new ArrayList<>(3);
      List<String> problems;
      if (h.is("Authentication-Results")) {
        AuthenticationResults ar = AuthResultsParser.parse(h.value());
        server = ar.authservId() == null ? null : ar.authservId().toLowerCase(Locale.ROOT);
        for (AuthenticationResults.MethodResult r : ar.results()) {
          verdicts.add(new Verdict(r.method(), r.result(), r.identity(), r.reason() != null ? r.reason() : r.comment()));
        }
        problems = ar.problems();
      } else if (h.is("Received-SPF")) {
        ReceivedSpf spf = ReceivedSpfParser.parse(h.value());
        server = spf.receiver();
        verdicts.add(new Verdict("spf", spf.result(), spf.identity(), spf.comment()));
        problems = spf.problems();
      } else {
        continue;
      }
      int hop = 0;
      boolean byName = false;
      if (n > 0 && chain.hops().size() == n) {
        int best = -1;
        for (int j = 0; j < n; j++) {
          Hop hopJ = chain.hops().get(n - 1 - j);
          if (server != null && sameServer(server, hopJ.by(), suffixes)
              && (best < 0 || Math.abs(received.get(j) - p) < Math.abs(received.get(best) - p))) {
            best = j;
          }
        }
        byName = best >= 0;
        if (best < 0) {
          for (int j = 0; j < n && received.get(j) < p; j++) {
            best = j; // the Received just above
          }
          best = Math.max(best, 0);
        }
        hop = n - best;
      }
      out.add(new AuthField(hop, byName, h.name(), server, verdicts, problems, h.value()));
    }
    return new AuthTrail(out);
  }

  /** True when {@code server} names the host {@code by}, a parent or subdomain of it, or its organisation. */
  static boolean sameServer(String server, String by, PublicSuffixes suffixes) {
    if (by == null || by.isEmpty() || by.startsWith("[")) {
      return false;
    }
    String b = by.toLowerCase(Locale.ROOT);
    if (b.equals(server) || b.endsWith("." + server) || server.endsWith("." + b)) {
      return true;
    }
    if (b.indexOf('.') < 0 || server.indexOf('.') < 0) {
      return false;
    }
    String ob = suffixes.organizationalDomain(b);
    return ob != null && ob.equals(suffixes.organizationalDomain(server));
  }

  /** The verdicts the fields placed on hop {@code hop} state. */
  public List<Verdict> verdictsOf(int hop) {
    List<Verdict> out = new ArrayList<>();
    for (AuthField f : fields) {
      if (f.hop() == hop) {
        out.addAll(f.verdicts());
      }
    }
    return out;
  }
}
