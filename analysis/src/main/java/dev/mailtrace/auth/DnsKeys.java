package dev.mailtrace.auth;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * DKIM keys from the live DNS, through the JDK's DNS provider and the system's resolvers: only
 * used when the user asks ({@code --dns}), since a look-up tells the key's domain that someone is
 * reading its mail. Thread-safe; each look-up opens its own context.
 *
 * <p>NXDOMAIN and a name without TXT records are definitive absences (RFC 6376 section 6.1.2 makes
 * them a permanent error); a time-out or server failure is a {@link KeyLookup.Failed}.
 */
public final class DnsKeys implements KeySource {
  private final int timeoutMillis;

  /** Look-ups that give up after {@code timeoutMillis} per try (two tries). */
  public DnsKeys(int timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public KeyLookup lookup(String name) {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(DirContext.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put("com.sun.jndi.dns.timeout.initial", Integer.toString(timeoutMillis));
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    String n = name.toLowerCase(Locale.ROOT);
    try {
      DirContext ctx = new InitialDirContext(env);
      try {
        Attributes attrs = ctx.getAttributes("dns:///" + n + ".", new String[] {"TXT"});
        Attribute txt = attrs.get("TXT");
        if (txt == null || txt.size() == 0) {
          return new KeyLookup.Absent(n + " has no TXT record in DNS", true);
        }
        List<String> records = new ArrayList<>(txt.size());
        NamingEnumeration<?> all = txt.getAll();
        while (all.hasMore()) {
          records.add(joinStrings(String.valueOf(all.next())));
        }
        return new KeyLookup.Found(records, "DNS");
      } finally {
        ctx.close();
      }
    } catch (NameNotFoundException e) {
      return new KeyLookup.Absent(n + " does not exist in DNS", true);
    } catch (NamingException e) {
      return new KeyLookup.Failed("DNS look-up of " + n + " failed: " + e.getMessage());
    }
  }

  /**
   * The JDK gives a TXT record's strings as {@code "a" "b"} when there are several (quoted, space
   * between); RFC 6376 section 3.6.2.2 joins them without anything between.
   */
  static String joinStrings(String jndi) {
    if (!jndi.startsWith("\"")) {
      return jndi;
    }
    StringBuilder b = new StringBuilder(jndi.length());
    boolean in = false;
    for (int i = 0; i < jndi.length(); i++) {
      char c = jndi.charAt(i);
      if (c == '"') {
        in = !in;
      } else if (c == '\\' && in && i + 1 < jndi.length()) {
        b.append(jndi.charAt(++i));
      } else if (in) {
        b.append(c);
      }
    }
    return b.toString();
  }
}
