package dev.mailtrace.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Public Suffix List and the organisational domain it gives (RFC 7489 section 3.2: the public
 * suffix plus one label), by the list's own algorithm: the longest matching rule wins, wildcards
 * ({@code *.ck}) match one label, exceptions ({@code !www.ck}) win over wildcards, and an unlisted
 * top-level domain is a public suffix. Both the ICANN and the private sections are used, as DMARC
 * implementations do. Rules are stored as A-labels, the form domains have in mail headers.
 * Immutable and thread-safe.
 */
public final class PublicSuffixes {
  private final Set<String> rules;
  private final Set<String> wildcards;
  private final Set<String> exceptions;

  private PublicSuffixes(Set<String> rules, Set<String> wildcards, Set<String> exceptions) {
    this.rules = rules;
    this.wildcards = wildcards;
    this.exceptions = exceptions;
  }

  private static final class Bundled {
    static final PublicSuffixes LIST = load();

    private static PublicSuffixes load() {
      try (InputStream in = PublicSuffixes.class.getResourceAsStream("public_suffix_list.dat")) {
        if (in == null) {
          throw new IllegalStateException("public_suffix_list.dat is missing from the analysis module");
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The list bundled with mailtrace (see its PROVENANCE.md for the version). */
  public static PublicSuffixes bundled() {
    return Bundled.LIST;
  }

  /** Reads a list in publicsuffix.org's format (UTF-8, one rule a line, {@code //} comments). */
  public static PublicSuffixes read(InputStream in) throws IOException {
    Set<String> rules = new HashSet<>(16_384);
    Set<String> wildcards = new HashSet<>(256);
    Set<String> exceptions = new HashSet<>(64);
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      int space = line.indexOf(' ');
      String rule = (space < 0 ? line : line.substring(0, space)).strip();
      if (rule.isEmpty() || rule.startsWith("//")) {
        continue;
      }
      if (rule.startsWith("!")) {
        exceptions.add(ascii(rule.substring(1)));
      } else if (rule.startsWith("*.")) {
        wildcards.add(ascii(rule.substring(2)));
      } else {
        rules.add(ascii(rule));
      }
    }
    return new PublicSuffixes(Set.copyOf(rules), Set.copyOf(wildcards), Set.copyOf(exceptions));
  }

  private static String ascii(String rule) {
    String lower = rule.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      if (lower.charAt(i) >= 128) {
        try {
          return IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
          return lower;
        }
      }
    }
    return lower;
  }

  /** The public suffix of {@code domain} (lower case, no trailing dot). */
  public String publicSuffix(String domain) {
    String d = ascii(domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain);
    // candidates from the longest: d itself, then without its first label, and so on
    int from = 0;
    while (true) {
      String candidate = d.substring(from);
      if (exceptions.contains(candidate)) {
        int dot = candidate.indexOf('.');
        return dot < 0 ? candidate : candidate.substring(dot + 1);
      }
      int dot = candidate.indexOf('.');
      String parent = dot < 0 ? null : candidate.substring(dot + 1);
      if (rules.contains(candidate) || (parent != null && wildcards.contains(parent))) {
        return candidate;
      }
      if (dot < 0) {
        return candidate; // the default rule "*": an unlisted top-level domain
      }
      from += dot + 1;
    }
  }

  /**
   * The organisational domain of {@code domain}: its public suffix and one label more; null when
   * the domain is itself a public suffix.
   */
  public String organizationalDomain(String domain) {
    String d = ascii(domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain);
    String suffix = publicSuffix(d);
    if (d.length() <= suffix.length()) {
      return null;
    }
    int end = d.length() - suffix.length() - 1; // the dot before the suffix
    int start = d.lastIndexOf('.', end - 1) + 1;
    return d.substring(start);
  }
}
