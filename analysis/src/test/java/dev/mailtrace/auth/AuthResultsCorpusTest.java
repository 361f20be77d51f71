package dev.mailtrace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.Header;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Sha256;
import dev.mailtrace.message.Source;
import dev.mailtrace.mime.MessageParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every Authentication-Results and Received-SPF field of the real bounce and MIME corpora (top-level
 * headers, enclosed messages and text/rfc822-headers parts): the well-formed ones parse without
 * problems, and the odd ones are exactly the listed ones with exactly these problems.
 */
class AuthResultsCorpusTest {
  private static final Path CORPORA = Path.of(System.getProperty("mailtrace.root", ".")).resolve("../shared/corpora");

  /**
   * The odd fields: file, field, problems, each checked against RFC 8601 / RFC 7208 by hand: Yahoo's
   * pre-RFC form ({@code from=} after the authserv-id), Microsoft's (results before the authserv-id,
   * {@code action=} without a ptype, {@code header.d=none;outlook.com}), a redacted SPF result
   * copied into Authentication-Results, a missing {@code ;} between two dkim results, and stray text
   * folded into two Received-SPF fields.
   */
  private static final List<String> ODD = List.of(
      "bounces/sisimai/maildir/bsd/arf-14.eml | Authentication-Results | text after the authserv-id: 'from=email-abuse.amazonses.com'; 'from=arf.mail.yahoo.com' is not method=result",
      "bounces/sisimai/maildir/bsd/arf-14.eml | Authentication-Results | text after the authserv-id: 'from=example.jp'; 'from=amazonses.com' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-amazonses-16.eml | Authentication-Results | text after the authserv-id: 'from=amazonses.com'; 'from=amazonses.com' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-amazonses-17.eml | Authentication-Results | text after the authserv-id: 'from=amazonses.com'; 'from=amazonses.com' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-amazonses-18.eml | Authentication-Results | text after the authserv-id: 'from=amazonses.com'; 'from=amazonses.com' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-amazonses-21.eml | Authentication-Results | text after the authserv-id: 'from=amazonses.com'; 'from=amazonses.com' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-office365-03.eml | Authentication-Results | no authserv-id: the field starts with a result",
      "bounces/sisimai/maildir/bsd/lhost-office365-04.eml | Authentication-Results | no authserv-id: the field starts with a result; 'outlook.com' is not a result or property; 'outlook.com' is not a result or property; action=none is not ptype.property=value",
      "bounces/sisimai/maildir/bsd/lhost-office365-04.eml | authentication-results | no authserv-id: the field starts with a result",
      "bounces/sisimai/maildir/bsd/lhost-office365-05.eml | Authentication-Results | no authserv-id: the field starts with a result; 'outlook.com' is not a result or property; 'outlook.com' is not a result or property; action=none is not ptype.property=value",
      "bounces/sisimai/maildir/bsd/lhost-office365-05.eml | authentication-results | no authserv-id: the field starts with a result",
      "bounces/sisimai/maildir/bsd/lhost-office365-06.eml | Authentication-Results | no authserv-id: the field starts with a result; 'outlook.com' is not a result or property; 'outlook.com' is not a result or property; action=none is not ptype.property=value",
      "bounces/sisimai/maildir/bsd/lhost-office365-06.eml | authentication-results | no authserv-id: the field starts with a result",
      "bounces/sisimai/maildir/bsd/lhost-office365-08.eml | Authentication-Results | no authserv-id: the field starts with a result; 'outlook.com' is not a result or property; 'outlook.com' is not a result or property; action=none is not ptype.property=value",
      "bounces/sisimai/maildir/bsd/lhost-office365-09.eml | Authentication-Results | no authserv-id: the field starts with a result; 'outlook.com' is not a result or property; 'outlook.com' is not a result or property; action=none is not ptype.property=value",
      "bounces/sisimai/maildir/bsd/lhost-office365-11.eml | Authentication-Results | no authserv-id: the field starts with a result; 'outlook.com' is not a result or property; 'outlook.com' is not a result or property; action=none is not ptype.property=value",
      "bounces/sisimai/maildir/bsd/lhost-office365-12.eml | Authentication-Results | no authserv-id: the field starts with a result; 'outlook.com' is not a result or property; 'outlook.com' is not a result or property; action=none is not ptype.property=value",
      "bounces/sisimai/maildir/bsd/lhost-office365-13.eml | Authentication-Results | no authserv-id: the field starts with a result",
      "bounces/sisimai/maildir/bsd/lhost-postfix-30.eml | Authentication-Results | client-ip=here-redacted is not ptype.property=value; 'envelope-from=postmaster@example.net.br' is not method=result; 'helo=here-redacted.net.br' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-postfix-78.eml | Authentication-Results | no ';' before dkim=",
      "bounces/sisimai/maildir/bsd/lhost-yahoo-02.eml | Authentication-Results | text after the authserv-id: 'from=y.example.co.jp'; 'header.i=@y.example.co.jp' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-yahoo-03.eml | Received-SPF | 'aze-' is not key=value",
      "bounces/sisimai/maildir/bsd/lhost-yahoo-03.eml | Authentication-Results | text after the authserv-id: 'from=yahoo.com'; 'from=yahoo.com' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-yahoo-04.eml | Received-SPF | 'bamdmq--' is not key=value",
      "bounces/sisimai/maildir/bsd/lhost-yahoo-04.eml | Authentication-Results | text after the authserv-id: 'from=yahoo.com'; 'from=yahoo.com' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-yahoo-06.eml | Authentication-Results | text after the authserv-id: 'from=yahoo.com'; 'from=yahoo.com' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-yahoo-07.eml | Authentication-Results | text after the authserv-id: 'from=yahoo.com'; 'from=yahoo.com' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-yahoo-08.eml | Authentication-Results | text after the authserv-id: 'from=yahoo.com'; 'from=yahoo.com' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-yahoo-09.eml | Authentication-Results | text after the authserv-id: 'from=yahoo.com'; 'from=yahoo.com' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-yahoo-11.eml | Authentication-Results | text after the authserv-id: 'from=yahoo.co.jp'; 'header.i=@yahoo.co.jp' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-yahoo-12.eml | Authentication-Results | text after the authserv-id: 'from=yahoo.com'; 'from=yahoo.com' is not method=result",
      "bounces/sisimai/maildir/bsd/lhost-yahoo-13.eml | Authentication-Results | text after the authserv-id: 'from=yahoo.com'; 'from=yahoo.com' is not method=result",
      "bounces/sisimai/maildir/bsd/rhost-microsoft-03.eml | Authentication-Results | no authserv-id: the field starts with a result");

  @Test
  void wellFormedFieldsParseCleanlyAndTheOddOnesAreExactlyTheseProblems() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(CORPORA), "no ../shared/corpora");
    List<String> odd = new ArrayList<>();
    int[] counts = new int[3];
    TreeSet<String> methods = new TreeSet<>();
    for (String set : List.of("bounces", "mime")) {
      try (Stream<Path> files = Files.walk(CORPORA.resolve(set))) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = CORPORA.relativize(f).toString();
          if (name.endsWith(".json") || name.endsWith(".tsv") || name.endsWith(".md") || name.endsWith(".xml")) {
            continue;
          }
          for (Header h : fields(f)) {
            List<String> problems;
            if (h.is("Authentication-Results")) {
              AuthenticationResults ar = AuthResultsParser.parse(h.value());
              problems = ar.problems();
              ar.results().forEach(r -> methods.add(r.method() + "=" + r.result()));
              counts[0]++;
            } else {
              ReceivedSpf spf = ReceivedSpfParser.parse(h.value());
              problems = spf.problems();
              methods.add("received-spf=" + spf.result());
              counts[1]++;
            }
            if (!problems.isEmpty()) {
              counts[2]++;
              odd.add(name + " | " + h.name() + " | " + String.join("; ", problems));
            }
          }
        }
      }
    }
    System.out.printf("Authentication-Results %d, Received-SPF %d, with problems %d%n", counts[0], counts[1], counts[2]);
    System.out.println("results seen: " + methods);
    odd.forEach(System.out::println);
    assertEquals(ODD, odd);
    assertTrue(counts[0] > 100 && counts[1] > 50, "fields found: " + counts[0] + ", " + counts[1]);
  }

  /** The message's A-R and Received-SPF fields: top level, enclosed messages, rfc822-headers parts. */
  private static List<Header> fields(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Message m = new MessageParser().parse(new RawMessage(new Source(file.toString(), 0, bytes.length, Sha256.of(bytes)), 0, null, bytes));
    List<Header> out = new ArrayList<>();
    collect(m.headers(), out);
    walk(m.root(), out);
    return out;
  }

  private static void walk(Part p, List<Header> out) {
    for (Part c : p.children()) {
      if (p.contentType().startsWith("message/")) {
        collect(c.headers(), out);
      }
      walk(c, out);
    }
    if (p.isLeaf() && (p.contentType().equals("text/rfc822-headers") || p.contentType().equals("text/rfc822-header"))) {
      collect(unfold(new String(p.body(), StandardCharsets.ISO_8859_1)), out);
    }
  }

  private static void collect(List<Header> headers, List<Header> out) {
    for (Header h : headers) {
      if (h.is("Authentication-Results") || h.is("Received-SPF")) {
        out.add(h);
      }
    }
  }

  private static List<Header> unfold(String text) {
    List<Header> out = new ArrayList<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : text.split("\r\n|\n|\r")) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
        value.append(' ').append(line.strip());
        continue;
      }
      if (name != null) {
        out.add(new Header(name, value.toString().strip()));
        name = null;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && line.indexOf(' ') != 0 && line.substring(0, colon).indexOf(' ') < 0) {
        name = line.substring(0, colon);
        value = new StringBuilder(line.substring(colon + 1));
      }
      if (line.isEmpty()) {
        break;
      }
    }
    if (name != null) {
      out.add(new Header(name, value.toString().strip()));
    }
    return out;
  }
}
