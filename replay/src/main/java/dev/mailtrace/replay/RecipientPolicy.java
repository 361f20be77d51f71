package dev.mailtrace.replay;

import dev.mailtrace.smtp.Envelope.Recipient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which addresses a replay may send to: archived recipients are real people, so each one is
 * replaced by fixed addresses, rewritten by patterns, or checked against allowed domains. A policy
 * with none of these is unsafe and a run refuses it unless {@code unrestricted} was chosen
 * explicitly.
 *
 * <p>Rules, in order: with {@code fixed} addresses every message goes to them alone; otherwise the
 * first rewrite whose pattern is found in an address replaces it; then, when domains are allowed,
 * every address must be in one of them (or a subdomain); without allowed domains only rewritten
 * addresses are sent. Unrestricted sends everything as archived.
 *
 * @param fixed addresses that receive every message instead of the archived recipients
 * @param rewrites pattern and replacement pairs ({@link Matcher#replaceAll(String)} syntax)
 * @param allowedDomains domains (lower case) an address may be sent to
 * @param unrestricted send to archived recipients without any check (explicit choice)
 */
public record RecipientPolicy(
    List<String> fixed, List<Rewrite> rewrites, Set<String> allowedDomains, boolean unrestricted) {

  /** One rewrite rule: {@code regex=>replacement}. */
  public record Rewrite(Pattern pattern, String replacement) {
    /** Parses {@code regex=>replacement}; throws IllegalArgumentException with a readable message. */
    public static Rewrite parse(String rule) {
      int arrow = rule.indexOf("=>");
      if (arrow <= 0) {
        throw new IllegalArgumentException("rewrite rule '" + rule + "' is not of the form regex=>replacement");
      }
      return new Rewrite(Pattern.compile(rule.substring(0, arrow)), rule.substring(arrow + 2));
    }
  }

  public RecipientPolicy {
    fixed = List.copyOf(fixed);
    rewrites = List.copyOf(rewrites);
    Set<String> lower = new LinkedHashSet<>();
    for (String d : allowedDomains) {
      lower.add(d.toLowerCase(Locale.ROOT).replaceFirst("^@", ""));
    }
    allowedDomains = Set.copyOf(lower);
  }

  /** Every message to these addresses. */
  public static RecipientPolicy fixed(List<String> addresses) {
    return new RecipientPolicy(addresses, List.of(), Set.of(), false);
  }

  /** Whether the policy limits where mail goes (fixed addresses, rewrites or allowed domains). */
  public boolean isRestricted() {
    return !fixed.isEmpty() || !rewrites.isEmpty() || !allowedDomains.isEmpty();
  }

  /** Whether a run may use this policy: restricted, or unrestricted by explicit choice. */
  public boolean isUsable() {
    return isRestricted() || unrestricted;
  }

  /**
   * The recipients to use for a message whose archived recipients are {@code originals}; those
   * the policy does not allow are added to {@code dropped}. Duplicates are sent once.
   */
  public List<Recipient> apply(List<String> originals, List<String> dropped) {
    if (!fixed.isEmpty()) {
      List<Recipient> out = new ArrayList<>(fixed.size());
      for (String f : fixed) {
        out.add(Recipient.of(f));
      }
      return out;
    }
    Set<String> seen = new LinkedHashSet<>();
    List<Recipient> out = new ArrayList<>(originals.size());
    for (String original : originals) {
      String address = original;
      boolean rewritten = false;
      for (Rewrite r : rewrites) {
        Matcher m = r.pattern.matcher(original);
        if (m.find()) {
          address = m.replaceAll(r.replacement);
          rewritten = true;
          break;
        }
      }
      boolean allowed;
      if (unrestricted && !isRestricted()) {
        allowed = true;
      } else if (!allowedDomains.isEmpty()) {
        allowed = isAllowedDomain(address);
      } else {
        allowed = rewritten;
      }
      if (!allowed) {
        dropped.add(original);
        continue;
      }
      if (seen.add(address.toLowerCase(Locale.ROOT))) {
        out.add(new Recipient(address, rewritten ? original : null));
      }
    }
    return out;
  }

  private boolean isAllowedDomain(String address) {
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return false;
    }
    String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    for (String d : allowedDomains) {
      if (domain.equals(d) || domain.endsWith("." + d)) {
        return true;
      }
    }
    return false;
  }
}
