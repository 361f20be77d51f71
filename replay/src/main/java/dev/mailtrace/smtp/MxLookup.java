package dev.mailtrace.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * Finds where mail for a domain goes, as RFC 5321 section 5.1 says: its MX records in preference
 * order; with none, the domain's own A/AAAA records as an implicit MX of preference 0; a single MX
 * of "." (RFC 7505, null MX) means the domain takes no mail. Uses the JDK's DNS client, against the
 * system's resolvers or one DNS server given by address (a lab's, or a test's on 127.0.0.1).
 *
 * <p>Does not follow CNAMEs of MX targets specially and does not look at SRV or DANE records.
 */
public final class MxLookup {
  private final String server;

  private MxLookup(String server) {
    this.server = server;
  }

  /** Looks up through the system's configured resolvers. */
  public static MxLookup system() {
    return new MxLookup(null);
  }

  /** Looks up through one DNS server (UDP, TCP when a reply is truncated). */
  public static MxLookup via(String host, int port) {
    String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return new MxLookup(h + ":" + port);
  }

  /**
   * The exchangers for {@code domain}, sorted by preference (DNS order among equals), each with
   * its addresses; exchangers without any address are left out.
   *
   * @throws UnknownHostException when the domain does not exist, takes no mail (null MX), or no
   *     exchanger has an address; the message says which
   */
  public List<MailExchanger> lookup(String domain) throws UnknownHostException {
    String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    DirContext dns = context();
    try {
      List<String[]> records = new ArrayList<>();
      try {
        Attribute mx = dns.getAttributes(name, new String[] {"MX"}).get("MX");
        if (mx != null) {
          NamingEnumeration<?> all = mx.getAll();
          while (all.hasMore()) {
            String[] parts = all.next().toString().strip().split("\\s+");
            if (parts.length == 2) {
              records.add(parts);
            }
          }
        }
      } catch (NameNotFoundException e) {
        throw new UnknownHostException(domain + " does not exist (DNS NXDOMAIN)");
      }
      List<MailExchanger> out = new ArrayList<>();
      if (records.isEmpty()) {
        // RFC 5321 section 5.1: no MX, so the domain itself is the implicit MX.
        List<InetAddress> addresses = addresses(dns, name);
        if (addresses.isEmpty()) {
          throw new UnknownHostException(domain + " has no MX and no A or AAAA record");
        }
        out.add(new MailExchanger(name, 0, addresses));
        return out;
      }
      if (records.size() == 1 && (records.get(0)[1].equals(".") || records.get(0)[1].isEmpty())) {
        throw new UnknownHostException(domain + " accepts no mail: its MX is \".\" (null MX, RFC 7505)");
      }
      records.sort((a, b) -> Integer.compare(preference(a[0]), preference(b[0])));
      List<String> without = new ArrayList<>();
      for (String[] r : records) {
        String host = r[1].endsWith(".") ? r[1].substring(0, r[1].length() - 1) : r[1];
        List<InetAddress> addresses = addresses(dns, host);
        if (addresses.isEmpty()) {
          without.add(host);
        } else {
          out.add(new MailExchanger(host.toLowerCase(Locale.ROOT), preference(r[0]), addresses));
        }
      }
      if (out.isEmpty()) {
        throw new UnknownHostException("no MX host of " + domain + " has an address: " + String.join(", ", without));
      }
      return out;
    } catch (NamingException e) {
      throw new UnknownHostException("DNS lookup of " + domain + " failed" + (server == null ? "" : " at " + server) + ": " + e.getMessage());
    } finally {
      try {
        dns.close();
      } catch (NamingException ignored) {
        // a context that will not close holds nothing of ours
      }
    }
  }

  private static int preference(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 65535;
    }
  }

  /** A then AAAA records of {@code host}; none when it does not exist. */
  private List<InetAddress> addresses(DirContext dns, String host) throws NamingException {
    List<InetAddress> out = new ArrayList<>();
    // One query per type: asking for both at once is an ANY query, which servers may refuse
    // (RFC 8482).
    for (String type : new String[] {"A", "AAAA"}) {
      Attributes attrs;
      try {
        attrs = dns.getAttributes(host, new String[] {type});
      } catch (NameNotFoundException e) {
        return out;
      }
      Attribute a = attrs.get(type);
      if (a == null) {
        continue;
      }
      NamingEnumeration<?> all = a.getAll();
      while (all.hasMore()) {
        String literal = all.next().toString().strip();
        try {
          // A literal address: no lookup happens.
          out.add(InetAddress.getByAddress(host, InetAddress.getByName(literal).getAddress()));
        } catch (UnknownHostException e) {
          // not an address: left out
        }
      }
    }
    return out;
  }

  private DirContext context() throws UnknownHostException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    env.put("java.naming.provider.url", server == null ? "dns:" : "dns://" + server);
    env.put("com.sun.jndi.dns.timeout.initial", "2000");
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    try {
      return new InitialDirContext(env);
    } catch (NamingException e) {
      throw new UnknownHostException("no DNS resolver: " + e.getMessage());
    }
  }
}
