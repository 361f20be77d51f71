package dev.mailtrace.received;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one Received field value (RFC 5321 section 4.4, RFC 5322 section 3.6.7) into a {@link Hop}.
 *
 * <p>The grammar says {@code [from] [by] [via] [with] [id] [for] ";" date-time}, each clause a
 * keyword and a value, comments anywhere. Real MTAs add their own comment conventions for what
 * they learnt about the client: Postfix and Sendmail write {@code from HELO (RDNS [IP])}, Exim
 * {@code from RDNS ([IP]:port helo=HELO ident=USER)}, qmail {@code from RDNS (HELO name)
 * (user@IP)}, CommuniGate {@code from [IP] (account USER HELO name)}, Exchange {@code from HELO
 * (IP)}; and they put TLS and authentication notes in comments. The parser tokenises once
 * ({@link ReceivedTokens}), splits the tokens into keyword clauses at comment depth zero, and
 * reads each clause with rules drawn from those conventions. No regular expressions.
 *
 * <p>Never throws on bad input: what cannot be understood is left null and described in {@link
 * Hop#problems()}; the raw text is always kept.
 */
public final class ReceivedParser {
  private ReceivedParser() {}

  /** Parses one unfolded Received field value (without the field name). */
  public static Hop parse(String value) {
    return new Reading(value == null ? "" : value).hop();
  }

  private static final int K_FROM = 0;
  private static final int K_BY = 1;
  private static final int K_VIA = 2;
  private static final int K_WITH = 3;
  private static final int K_ID = 4;
  private static final int K_FOR = 5;
  private static final String[] KEYWORDS = {"from", "by", "via", "with", "id", "for"};

  /** Protocol words that name a submission which has already been authenticated (RFC 3848). */
  private static final String[] AUTH_PROTOCOLS = {
    "esmtpa", "esmtpsa", "lmtpa", "lmtpsa", "asmtp", "utf8smtpa", "utf8smtpsa", "utf8lmtpa", "utf8lmtpsa",
    "http", "https", "httpu"
  };

  /** First characters of the words scanComments looks at closely (note keywords, TLS names). */
  private static final boolean[] NOTE_START = new boolean[128];

  static {
    for (char c : "eEcCtTfFaAsSdDvVrRpPiIkKgG3".toCharArray()) {
      NOTE_START[c] = true;
    }
  }

  /** One parse: the tokens, the fields found so far, and the problems. */
  private static final class Reading {
    final String raw;
    final ReceivedTokens t;
    final List<String> problems = new ArrayList<>(2);

    String from;
    String helo;
    String heloCommand;
    String reverseDns;
    String ip;
    String ident;
    String by;
    String via;
    String with;
    String withWritten;
    String withText;
    String id;
    String forAddress;
    String envelopeFrom;
    String tlsVersion;
    String tlsCipher;
    String tlsCipherGuess;
    String authUser;
    String authMethod;
    OffsetDateTime date;

    boolean fromClause;
    boolean leadingComment;
    boolean sendmailAuth;
    boolean criticalPathAuth;
    String saslMechanism;
    boolean viaHttp;
    boolean fetchmail;
    boolean byUid;
    boolean accountComment;
    boolean exim;

    Reading(String raw) {
      this.raw = raw;
      this.t = new ReceivedTokens(raw);
      if (t.truncated) {
        problems.add("field too long: only the first " + ReceivedTokens.MAX_CHARS + " characters read");
      }
    }

    Hop hop() {
      int clauseEnd = readDate();
      scanComments();
      readClauses(clauseEnd);
      if (!fromClause && by == null && with == null && id == null && date == null) {
        problems.add("no Received clause understood: " + shorten(raw));
      }
      if (tlsCipher == null) {
        tlsCipher = tlsCipherGuess;
      }
      authMethod = authMethod();
      if ((viaHttp || "HTTP".equals(with) || "HTTPS".equals(with)) && heloCommand == null) {
        helo = null; // a web submission has no HELO; the name after "from" is the client's host
      }
      return new Hop(
          raw, from, helo, heloCommand, reverseDns, ip, ident, by, via, with, withText, id, forAddress,
          envelopeFrom, tlsVersion, tlsCipher, authUser, authMethod, date, isRelay(), problems);
    }

    // ---- date ----

    /** Reads the date and returns the index of the first token after the clauses. */
    private int readDate() {
      int semi = -1;
      for (int i = t.size - 1; i >= 0; i--) {
        if (t.kind[i] == ReceivedTokens.SEMI && t.depth[i] == 0) {
          semi = i;
          break;
        }
      }
      int limit = t.size;
      if (semi >= 0) {
        String text = raw.substring(t.end[semi], Math.min(raw.length(), ReceivedTokens.MAX_CHARS));
        date = ReceivedDate.read(text, false);
        if (date != null || hasDigit(text)) {
          if (date == null) {
            problems.add("date unreadable: '" + shorten(text.strip()) + "'");
          }
          return semi;
        }
        limit = semi; // "...; " with nothing after: the date may stand before the ';'
      }
      // no ';' (RFC 5322 requires one): look for where a date starts, outside comments and not as
      // the value of a clause keyword ("id 2018..." is an id)
      for (int i = 0; i < limit; i++) {
        if (t.depth[i] != 0 || !ReceivedDate.startsDate(t, i) || keyword(i - 1) >= 0) {
          continue;
        }
        OffsetDateTime d = ReceivedDate.read(raw.substring(t.start[i]), true);
        if (d != null) {
          date = d;
          problems.add("date without ';'");
          return i;
        }
      }
      return limit;
    }

    // ---- comment notes anywhere in the field: envelope sender, TLS, authentication ----

    private void scanComments() {
      for (int i = 0; i < t.size; i++) {
        if (t.kind[i] != ReceivedTokens.WORD) {
          continue;
        }
        char c0 = t.text.charAt(t.start[i]);
        boolean inComment = t.depth[i] > 0;
        // only words starting like a note keyword or a TLS/cipher name need a closer look
        if ((c0 >= 128 || !NOTE_START[c0]) && t.text.charAt(t.end[i] - 1) != 'm') {
          continue;
        }
        String w = t.text(i);
        if (t.is(i, "envelope-from") || t.is(i, "envelope-sender")) {
          int v = nextWord(i);
          if (v >= 0 && envelopeFrom == null) {
            envelopeFrom = t.text(v);
          }
          continue;
        }
        if ((t.startsWith(i, "envelope-from=") || t.startsWith(i, "envelope-sender=")) && envelopeFrom == null) {
          envelopeFrom = trimAngles(w.substring(w.indexOf('=') + 1));
          continue;
        }
        if (t.is(i, "encrypted") && i > 0 && t.isWord(i - 1) && isCipherLike(t.text(i - 1))) {
          setCipher(t.text(i - 1));
          continue;
        }
        if (t.startsWith(i, "cipher=")) {
          cipherValue(w.substring(7));
          continue;
        }
        if (t.is(i, "cipher") || t.is(i, "tls_cipher") || (t.is(i, "tls") && t.isWord(i + 1))) {
          int v = nextWord(i);
          if (v >= 0) {
            cipherValue(t.text(v));
          }
          continue;
        }
        if (t.is(i, "fetchmail") || t.startsWith(i, "fetchmail-")) {
          fetchmail = true;
        }
        if (inComment && (t.is(i, "exim") || w.regionMatches(true, Math.max(0, w.length() - 5), "/exim", 0, 5))) {
          exim = true;
        }
        if (!inComment) {
          continue;
        }
        version(w);
        if (tlsCipherGuess == null && isCipherLike(w)) {
          tlsCipherGuess = w;
        }
        if (t.is(i, "authenticated")) {
          authenticated(i);
        } else if (t.is(i, "auth:")) {
          // Courier: (AUTH: MECHANISM user, TLS: ...)
          int m = nextWord(i);
          if (m >= 0) {
            saslMechanism = t.text(m);
            int u = nextWord(m);
            if (u >= 0 && t.depth[u] == t.depth[i] && authUser == null && !t.text(u).endsWith(":")) {
              authUser = t.text(u);
            }
          }
        } else if (t.startsWith(i, "auth=") && w.length() > 5 && authUser == null) {
          authUser = w.substring(5);
        }
      }
    }

    private void authenticated(int i) {
      int n = i + 1;
      if (t.isWord(n)) {
        String next = t.text(n).toLowerCase(Locale.ROOT);
        if (next.startsWith("sender")) {
          // Postfix smtpd_sasl_authenticated_header: (Authenticated sender: user)
          int u = nextWord(n);
          if (u >= 0 && authUser == null) {
            authUser = t.text(u);
          }
          return;
        }
        if (next.equals("as") || next.equals("user")) {
          int u = nextWord(n);
          if (u >= 0 && authUser == null) {
            authUser = t.text(u);
          }
          if (next.equals("as")) {
            criticalPathAuth = true;
          }
          return;
        }
      }
      // Sendmail: (authenticated bits=0), or a bare (authenticated)
      sendmailAuth = true;
    }

    private String authMethod() {
      if (withWritten != null) {
        String lw = withWritten.toLowerCase(Locale.ROOT);
        for (String p : AUTH_PROTOCOLS) {
          if (lw.equals(p)) {
            return withWritten;
          }
        }
      }
      if (viaHttp) {
        return "HTTP";
      }
      if (saslMechanism != null) {
        return saslMechanism;
      }
      if (sendmailAuth) {
        return "Sendmail";
      }
      if (criticalPathAuth) {
        return "CriticalPath";
      }
      return null;
    }

    // ---- clauses ----

    private int keyword(int i) {
      if (i < 0 || i >= t.size || t.kind[i] != ReceivedTokens.WORD || t.depth[i] != 0) {
        return -1;
      }
      int len = t.end[i] - t.start[i];
      if (len < 2 || len > 4) {
        return -1;
      }
      for (int k = 0; k < KEYWORDS.length; k++) {
        if (t.is(i, KEYWORDS[k])) {
          return k;
        }
      }
      return -1;
    }

    private void readClauses(int clauseEnd) {
      int i = 0;
      if (t.size > 1 && t.kind[0] == ReceivedTokens.OPEN) {
        leadingComment = true;
        int close = matchingClose(0, clauseEnd);
        if (t.is(1, "from")) {
          // "(from KRYPTIK [70.20.57.51]) by host" and "(from user@localhost) by host": the
          // from clause was written inside a comment
          fromClause(2, close, 1);
          leadingComment = false;
        }
        i = close + 1;
      }
      boolean[] seen = new boolean[KEYWORDS.length];
      while (i < clauseEnd) {
        int k = keyword(i);
        if (k < 0) {
          i++;
          continue;
        }
        int a = i + 1;
        int b = a;
        while (b < clauseEnd && keyword(b) < 0) {
          b++;
        }
        // "from X by Y by uid 502": the by value itself is the keyword; take it as a value
        if (k == K_BY && b == a && b < clauseEnd && keyword(b) == K_BY) {
          b++;
          while (b < clauseEnd && keyword(b) < 0) {
            b++;
          }
        }
        if (seen[k] && k != K_FROM) {
          problems.add("repeated '" + KEYWORDS[k] + "' clause: kept the first");
          if (k == K_BY && t.is(a, "uid")) {
            byUid = true;
          }
        } else {
          switch (k) {
            case K_FROM -> {
              if (!fromClause) {
                fromClause(a, b, 0);
              } else {
                laterFrom(a, b);
              }
            }
            case K_BY -> byClause(a, b);
            case K_VIA -> viaClause(a, b);
            case K_WITH -> withClause(a, b);
            case K_ID -> idClause(a, b);
            case K_FOR -> forClause(a, b);
            default -> {}
          }
        }
        seen[k] = true;
        i = b;
      }
    }

    private int matchingClose(int open, int limit) {
      int d = t.depth[open];
      for (int j = open + 1; j < t.size; j++) {
        if (t.kind[j] == ReceivedTokens.CLOSE && t.depth[j] == d) {
          return j;
        }
      }
      return Math.max(open, limit - 1);
    }

    /** The first word after {@code i} in the same comment (skipping commas), or -1. */
    private int nextWord(int i) {
      for (int j = i + 1; j < t.size && j <= i + 3; j++) {
        if (t.kind[j] == ReceivedTokens.WORD) {
          return j;
        }
        if (t.kind[j] != ReceivedTokens.COMMA) {
          return -1;
        }
      }
      return -1;
    }

    /**
     * The from clause: the name the client gave or the receiver found, then comments with what the
     * receiver learnt (address, reverse DNS, HELO, ident, authentication).
     */
    private void fromClause(int a, int b, int base) {
      fromClause = true;
      int nameTok = -1;
      String nameIp = null;
      if (a < b && t.depth[a] == base && (t.kind[a] == ReceivedTokens.WORD || t.kind[a] == ReceivedTokens.LITERAL)) {
        nameTok = a;
        nameIp = IpAddress.normalise(t.text, t.start[a], t.end[a]);
        if (t.kind[a] == ReceivedTokens.LITERAL && nameIp == null) {
          problems.add("from: not an address literal: " + shorten(t.written(a)));
        } else {
          from = t.written(a);
        }
      }
      String bracketIp = null;
      String bareIp = null;
      boolean bareIpWithPort = false;
      boolean portInLiteral = false;
      boolean adjacent = nameTok >= 0 && a + 1 < b && t.kind[a + 1] == ReceivedTokens.OPEN && !t.spaced[a + 1]
          && t.kind[a] == ReceivedTokens.WORD;
      boolean heloAssignment = false;
      boolean verified = false;
      String pairedRdns = null;
      String loneName = null;
      for (int k = a; k < b; k++) {
        if (k == nameTok) {
          continue;
        }
        byte kind = t.kind[k];
        boolean comment = t.depth[k] > base;
        if (kind == ReceivedTokens.LITERAL) {
          String lit = IpAddress.normalise(t.text, t.start[k], t.end[k]);
          if (lit != null) {
            if (bracketIp == null) {
              bracketIp = lit;
            }
            if (hasPort(t.text, t.start[k], t.end[k])) {
              portInLiteral = true;
            }
          }
          continue;
        }
        if (kind != ReceivedTokens.WORD) {
          continue;
        }
        String w = t.text(k);
        if (!comment) {
          // words after the name outside comments: "( [ip]) as user jason@localhost"
          if (t.is(k, "as") && t.is(k + 1, "user") && t.isWord(k + 2)) {
            if (authUser == null) {
              authUser = t.text(k + 2);
            }
            k += 2;
          } else if (IpAddress.normalise(w) != null && bareIp == null && k > a) {
            bareIp = IpAddress.normalise(w);
          }
          continue;
        }
        if (t.is(k, "helo") || t.is(k, "ehlo") || t.is(k, "lhlo")) {
          heloCommand = w.toUpperCase(Locale.ROOT);
          int v = k + 1;
          if (v < b && t.depth[v] == t.depth[k]
              && (t.kind[v] == ReceivedTokens.WORD || t.kind[v] == ReceivedTokens.LITERAL)) {
            helo = t.written(v);
            k = v;
          } else {
            helo = "";
          }
          continue;
        }
        if (t.startsWith(k, "helo=") || t.startsWith(k, "ehlo=")) {
          heloCommand = w.substring(0, 4).toUpperCase(Locale.ROOT);
          heloAssignment = true;
          String v = w.substring(5);
          if (v.isEmpty() && t.isLiteral(k + 1) && !t.spaced[k + 1]) {
            v = t.written(k + 1);
            k++;
          }
          helo = v;
          continue;
        }
        if (t.startsWith(k, "ident=")) {
          String v = w.substring(6);
          if (v.isEmpty() && t.isLiteral(k + 1)) {
            v = t.text(k + 1);
            k++;
          }
          ident = v;
          continue;
        }
        if (t.is(k, "claiming") && t.is(k + 1, "to") && t.is(k + 2, "be") && t.isWord(k + 3)) {
          helo = t.text(k + 3);
          k += 3;
          continue;
        }
        if (t.is(k, "account") && t.isWord(k + 1)) {
          // CommuniGate Pro: from [IP] (account USER [HELO name])
          accountComment = true;
          if (authUser == null) {
            authUser = t.text(k + 1);
          }
          k++;
          continue;
        }
        if (t.is(k, "verified") && t.isLiteral(k - 1)) {
          verified = true; // CommuniGate: the name was confirmed by reverse DNS
          continue;
        }
        if (t.startsWith(k, "ident:")) {
          w = w.substring(6);
        }
        int at = w.lastIndexOf('@');
        if (at >= 0 && !t.startsWith(k, "auth")) {
          String user = w.substring(0, at);
          String host = w.substring(at + 1);
          String hostIp = host.isEmpty() ? null : IpAddress.normalise(host);
          if (host.isEmpty() && t.isLiteral(k + 1) && !t.spaced[k + 1]) {
            String lit = IpAddress.normalise(t.text, t.start[k + 1], t.end[k + 1]);
            if (lit != null) {
              setIdent(user);
              if (bracketIp == null) {
                bracketIp = lit;
              }
              k++;
              continue;
            }
          }
          if (hostIp != null) {
            setIdent(user);
            if (bareIp == null) {
              bareIp = hostIp;
            }
            continue;
          }
          if (t.isLiteral(k + 1) && IpAddress.normalise(t.text, t.start[k + 1], t.end[k + 1]) != null) {
            setIdent(user);
            if (pairedRdns == null) {
              pairedRdns = host;
            }
            continue;
          }
          if (!user.isEmpty() && ident == null && t.kind[k - 1] == ReceivedTokens.OPEN) {
            setIdent(user);
          }
          continue;
        }
        String wordIp = IpAddress.normalise(w);
        if (wordIp != null) {
          if (bareIp == null) {
            bareIp = wordIp;
            bareIpWithPort = w.indexOf(':') > 0 && w.indexOf('.') > 0;
          }
          continue;
        }
        if (isHostName(w) && !t.is(k, "verified") && !t.is(k, "unverified")) {
          if (t.isLiteral(k + 1) && IpAddress.normalise(t.text, t.start[k + 1], t.end[k + 1]) != null) {
            if (pairedRdns == null) {
              pairedRdns = w;
            }
          } else if (t.kind[k - 1] == ReceivedTokens.OPEN && k + 1 < t.size && t.kind[k + 1] == ReceivedTokens.CLOSE
              && w.indexOf('.') > 0 && loneName == null) {
            loneName = w;
          }
        }
      }

      // the connecting address: a bracketed one is what the receiver saw; a bare one in a comment
      // is qmail's or Exchange's way to write it; an address as the name is the last resort
      boolean ipFromName = false;
      if (bracketIp != null) {
        ip = bracketIp;
      } else if (bareIp != null) {
        ip = bareIp;
      } else if (nameIp != null) {
        ip = nameIp;
        ipFromName = true;
      }
      String name = nameTok >= 0 && from != null ? from : null;
      boolean nameIsLiteral = nameTok >= 0 && t.kind[nameTok] == ReceivedTokens.LITERAL;
      boolean nameIsHost = name != null && !nameIsLiteral && nameIp == null;
      boolean nameUsable = name != null && !nameIsLiteral && !name.equalsIgnoreCase("unknown");
      // Exim writes "from RDNS ([IP]:port helo=HELO)", leaving helo= out when HELO is RDNS (Exim
      // specification, $sender_rcvhost); ecelerity writes the same shape with [IP:port]
      boolean eximStyle = heloAssignment || portInLiteral || exim;

      // HELO name when not written explicitly
      if (heloCommand == null && helo == null && name != null) {
        if (exim && !heloAssignment && !accountComment) {
          helo = name;
        } else if (accountComment || eximStyle || adjacent) {
          // CommuniGate writes the address as the name; Exim and ecelerity write the reverse DNS
          // name there and show the HELO as helo=; "name(ip)" is a reverse DNS lookup
        } else if (ipFromName) {
          // "from 1.2.3.4 by", "from [1.2.3.4] by": the receiver wrote the address it saw, not a
          // HELO name (when a comment gives the address, a literal name is the HELO)
        } else {
          helo = name;
        }
      }

      // reverse DNS name
      if (pairedRdns != null) {
        reverseDns = pairedRdns;
      } else if ((heloAssignment || portInLiteral) && nameIsHost) {
        reverseDns = name;
      } else if (heloCommand != null && !heloAssignment && nameUsable && !ipFromName && !accountComment) {
        reverseDns = name; // qmail: from RDNS (HELO name) (IP)
      } else if (bracketIp == null && bareIp != null && !bareIpWithPort && nameUsable && nameIsHost) {
        reverseDns = name; // qmail and Exchange: from NAME (IP)
      } else if ((verified || adjacent) && nameUsable) {
        reverseDns = name;
      } else if (loneName != null) {
        reverseDns = loneName;
      } else if (exim && nameIsHost) {
        reverseDns = name;
      }
      if (reverseDns != null) {
        String l = reverseDns.toLowerCase(Locale.ROOT);
        if (l.equals("unknown") || l.equals("softdnserr")) {
          reverseDns = null; // Postfix and couriertcpd markers for "no reverse DNS"
        }
      }
    }

    private void setIdent(String user) {
      if (ident == null && !user.isEmpty()) {
        ident = user;
      }
    }

    /** A second from clause after by: XMail's envelope sender ({@code from <user@host>}). */
    private void laterFrom(int a, int b) {
      if (a < b && t.isWord(a) && (t.angled[a] || t.text(a).indexOf('@') > 0) && envelopeFrom == null) {
        envelopeFrom = t.text(a);
      }
    }

    private void byClause(int a, int b) {
      if (a < b && t.depth[a] == 0 && (t.kind[a] == ReceivedTokens.WORD || t.kind[a] == ReceivedTokens.LITERAL)) {
        by = t.written(a);
        if (by.equalsIgnoreCase("uid")) {
          byUid = true;
        }
      }
      for (int k = a; k < b; k++) {
        if (t.depth[k] > 0 && t.is(k, "via") && t.is(k + 1, "http")) {
          viaHttp = true;
        }
      }
    }

    private void viaClause(int a, int b) {
      StringBuilder v = new StringBuilder();
      for (int k = a; k < b && t.depth[k] == 0 && t.kind[k] == ReceivedTokens.WORD; k++) {
        if (v.length() > 0) {
          v.append(' ');
        }
        v.append(t.text(k));
      }
      if (v.length() > 0) {
        via = v.toString();
        if (via.equalsIgnoreCase("http")) {
          viaHttp = true;
        }
      }
    }

    private void withClause(int a, int b) {
      if (a >= b) {
        return;
      }
      withText = raw.substring(t.start[a] - (t.kind[a] == ReceivedTokens.LITERAL ? 1 : 0),
          Math.min(raw.length(), t.end[b - 1] + (t.kind[b - 1] == ReceivedTokens.LITERAL ? 1 : 0))).strip();
      for (int k = a; k < b && with == null; k++) {
        if (t.depth[k] != 0) {
          continue;
        }
        if (t.kind[k] == ReceivedTokens.WORD) {
          protocolWord(t.start[k], t.end[k]);
        } else if (t.kind[k] == ReceivedTokens.LITERAL) {
          // "with [XMail 1.20 ESMTP Server]"
          int s = t.start[k];
          for (int j = s; j <= t.end[k] && with == null; j++) {
            if (j == t.end[k] || raw.charAt(j) == ' ') {
              if (j > s) {
                protocolWord(s, j);
              }
              s = j + 1;
            }
          }
        }
      }
    }

    /** Looks for a protocol in {@code raw[s, e)}, splitting "ESMTP/TLS/cipher" forms. */
    private void protocolWord(int s, int e) {
      int slash = raw.indexOf('/', s);
      int first = slash >= 0 && slash < e ? slash : e;
      String p = protocol(raw.substring(s, first));
      if (p == null) {
        return;
      }
      with = p;
      withWritten = raw.substring(s, first);
      // Exim "local-esmtpa": the written auth protocol is the part after "local-"
      int dash = withWritten.lastIndexOf('-');
      if (dash >= 0) {
        withWritten = withWritten.substring(dash + 1);
      }
      int from = first + 1;
      while (from < e) {
        int to = raw.indexOf('/', from);
        if (to < 0 || to > e) {
          to = e;
        }
        String part = raw.substring(from, to);
        if (!version(part) && isCipherLike(part) && tlsCipher == null) {
          tlsCipher = part;
        }
        from = to + 1;
      }
    }

    private void idClause(int a, int b) {
      if (a < b && t.depth[a] == 0 && (t.kind[a] == ReceivedTokens.WORD || t.kind[a] == ReceivedTokens.LITERAL)) {
        id = t.text(a);
      }
    }

    private void forClause(int a, int b) {
      if (a < b && t.depth[a] == 0 && t.kind[a] == ReceivedTokens.WORD) {
        String v = t.text(a);
        if (v.indexOf('@') >= 0) {
          forAddress = trimAngles(v);
        }
      }
    }

    // ---- TLS ----

    /** Reads a TLS version from a word such as TLSv1.3, TLS1_2, TLS-1.0:CIPHER, version=TLSv1/SSLv3. */
    private boolean version(String w) {
      if (w.length() < 4 || "tTsSdDvV".indexOf(w.charAt(0)) < 0) {
        return false;
      }
      int eq = w.indexOf('=');
      if (eq >= 0) {
        if (!w.regionMatches(true, 0, "version", 0, eq)) {
          return false;
        }
        w = w.substring(eq + 1);
      }
      int cut = w.length();
      for (int i = 0; i < w.length(); i++) {
        char c = w.charAt(i);
        if (c == '/' || c == ':') {
          cut = i;
          break;
        }
      }
      String v = tlsVersionOf(w.substring(0, cut));
      if (v == null) {
        return false;
      }
      if (tlsVersion == null) {
        tlsVersion = v;
      }
      // Exim: TLSv1:RC4-SHA:128, TLS-1.0:DHE_RSA_3DES_EDE_CBC_SHA:24
      if (cut < w.length() && w.charAt(cut) == ':') {
        int next = w.indexOf(':', cut + 1);
        String c = w.substring(cut + 1, next < 0 ? w.length() : next);
        if (!c.isEmpty() && tlsCipher == null && !c.chars().allMatch(Character::isDigit)) {
          tlsCipher = c;
        }
      }
      return true;
    }

    private void cipherValue(String v) {
      if (v.indexOf(':') > 0 && version(v)) {
        return;
      }
      v = trimAngles(v);
      if (!v.isEmpty() && tlsVersionOf(v) == null) {
        setCipher(v);
      }
    }

    private void setCipher(String c) {
      if (tlsCipher == null) {
        tlsCipher = c;
      }
    }

    // ---- relay or local handoff ----

    /**
     * Whether the field records a relay between hosts with a known address (what SpamAssassin keeps
     * as a relay) rather than a local handoff: no address, a comment-only line (qmail "invoked by
     * uid", "invoked from network"), local submission or delivery ({@code with local}, LMTP to
     * localhost), a re-fetch (fetchmail), a content scanner pass (qmail-scanner, "by uid"), an
     * Exchange mailbox submission ({@code with mapi}), batch SMTP, or a sender address in place of
     * a host name.
     */
    private boolean isRelay() {
      if (ip == null || by == null || !fromClause || leadingComment && from == null) {
        return false;
      }
      if (fetchmail || byUid) {
        return false;
      }
      String wt = withText == null ? "" : withText.toLowerCase(Locale.ROOT);
      if ("LOCAL".equals(with) || wt.startsWith("local") || wt.startsWith("qmail-scanner") || wt.startsWith("mapi")
          || wt.startsWith("bsmtp")) {
        return false;
      }
      if (from != null && from.indexOf('@') > 0) {
        return false;
      }
      if (with != null && with.startsWith("LMTP") && by != null && by.equalsIgnoreCase("localhost")) {
        return false;
      }
      if (from != null && from.equalsIgnoreCase("localhost")
          && (reverseDns == null || reverseDns.equalsIgnoreCase("localhost"))
          && IpAddress.range(ip) == IpAddress.Range.LOOPBACK) {
        return false;
      }
      return true;
    }
  }

  // ---- word classes ----

  /** The registry name (IANA Mail Transmission Types) for a protocol word, or null. */
  static String protocol(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (w.startsWith("local-")) {
      String rest = protocol(w.substring(6));
      return rest != null ? rest : null;
    }
    return switch (w) {
      case "smtp", "smtpd", "smtpsvc", "bsmtp" -> "SMTP";
      case "esmtp" -> "ESMTP";
      case "esmtps", "esmtptls", "esmtp-tls" -> "ESMTPS";
      case "esmtpa", "asmtp" -> "ESMTPA";
      case "esmtpsa" -> "ESMTPSA";
      case "lmtp" -> "LMTP";
      case "lmtpa" -> "LMTPA";
      case "lmtps" -> "LMTPS";
      case "lmtpsa" -> "LMTPSA";
      case "utf8smtp" -> "UTF8SMTP";
      case "utf8smtpa" -> "UTF8SMTPA";
      case "utf8smtps" -> "UTF8SMTPS";
      case "utf8smtpsa" -> "UTF8SMTPSA";
      case "utf8lmtp" -> "UTF8LMTP";
      case "utf8lmtpa" -> "UTF8LMTPA";
      case "utf8lmtps" -> "UTF8LMTPS";
      case "utf8lmtpsa" -> "UTF8LMTPSA";
      case "http", "httpu", "httprest" -> "HTTP";
      case "https" -> "HTTPS";
      case "imap" -> "IMAP";
      case "pop3" -> "POP3";
      case "mms" -> "MMS";
      case "local", "socket", "stdin" -> "LOCAL";
      default -> null;
    };
  }

  /** TLSv1.0 .. TLSv1.3, SSLv2, SSLv3, DTLSv1.x from the spellings MTAs use; null otherwise. */
  static String tlsVersionOf(String w) {
    int n = w.length();
    if (n < 4 || n > 10) {
      return null;
    }
    String u = w.toUpperCase(Locale.ROOT);
    String family;
    int i;
    if (u.startsWith("DTLS")) {
      family = "DTLS";
      i = 4;
    } else if (u.startsWith("TLS")) {
      family = "TLS";
      i = 3;
    } else if (u.startsWith("SSL")) {
      family = "SSL";
      i = 3;
    } else {
      return null;
    }
    if (i < n && u.charAt(i) == 'V') {
      i++;
    }
    if (i < n && (u.charAt(i) == '-' || u.charAt(i) == '_')) {
      i++;
    }
    if (i >= n || !Character.isDigit(u.charAt(i))) {
      return null;
    }
    int major = u.charAt(i++) - '0';
    int minor = 0;
    if (i < n) {
      char sep = u.charAt(i);
      if ((sep == '.' || sep == '_') && i + 2 == n && Character.isDigit(u.charAt(i + 1))) {
        minor = u.charAt(i + 1) - '0';
      } else if (Character.isDigit(sep) && i + 1 == n && family.equals("TLS")) {
        minor = sep - '0'; // TLS12
      } else {
        return null;
      }
    }
    if (family.equals("SSL")) {
      return (major == 2 || major == 3) && minor == 0 ? "SSLv" + major : null;
    }
    if (major != 1 || minor > 3) {
      return null;
    }
    return family + "v1." + minor;
  }

  private static final String[] CIPHER_STARTS = {
    "TLS_", "TLS13_", "ECDHE", "ECDH", "DHE", "EDH", "ADH", "AECDH", "RSA", "AES", "DES", "3DES", "RC4", "CAMELLIA",
    "CHACHA", "PSK", "SRP", "IDEA", "SEED", "KRB5", "GOST"
  };

  /** An OpenSSL or IANA cipher suite name: upper case, digits, '-' or '_', a known start. */
  static boolean isCipherLike(String w) {
    int n = w.length();
    if (n < 7 || n > 64) {
      return false;
    }
    boolean digit = false;
    boolean sep = false;
    for (int i = 0; i < n; i++) {
      char c = w.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c == '-' || c == '_') {
        sep = true;
      } else if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    if (!digit || !sep || tlsVersionOf(w) != null) {
      return false;
    }
    for (String s : CIPHER_STARTS) {
      if (w.startsWith(s)) {
        return true;
      }
    }
    return false;
  }

  /** A DNS-like name: letters, digits, '-', '_', '.', with at least one letter. */
  static boolean isHostName(String w) {
    boolean letter = false;
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        letter = true;
      } else if (!((c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')) {
        return false;
      }
    }
    return letter && w.length() <= 255;
  }

  private static boolean hasPort(String s, int from, int to) {
    int colons = 0;
    int dots = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == ':') {
        colons++;
      } else if (c == '.') {
        dots++;
      }
    }
    return colons == 1 && dots == 3;
  }

  private static String trimAngles(String v) {
    int a = 0;
    int b = v.length();
    while (a < b && (v.charAt(a) == '<' || v.charAt(a) == '[')) {
      a++;
    }
    while (b > a && (v.charAt(b - 1) == '>' || v.charAt(b - 1) == ']' || v.charAt(b - 1) == '.' || v.charAt(b - 1) == ',')) {
      b--;
    }
    return v.substring(a, b);
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static String shorten(String s) {
    String one = s.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    return one.length() <= 80 ? one : one.substring(0, 77) + "...";
  }
}
