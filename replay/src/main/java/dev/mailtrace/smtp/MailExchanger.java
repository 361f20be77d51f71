package dev.mailtrace.smtp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One host mail for a domain may go to, from its MX record or, when the domain has none, the
 * domain itself (the implicit MX of RFC 5321 section 5.1, preference 0).
 *
 * @param host the exchanger's name, used for TLS server name checks
 * @param preference lower is tried first
 * @param addresses its A and AAAA addresses, in the order DNS gave them
 */
public record MailExchanger(String host, int preference, List<InetAddress> addresses) {
  public MailExchanger {
    Objects.requireNonNull(host, "host");
    addresses = List.copyOf(addresses);
  }

  /**
   * The order to try exchangers in for one delivery: by preference, those of equal preference in
   * random order (RFC 5321 section 5.1: the client SHOULD pick one at random to spread the load).
   */
  public static List<MailExchanger> tryOrder(List<MailExchanger> exchangers, RandomGenerator random) {
    List<MailExchanger> sorted = new ArrayList<>(exchangers);
    sorted.sort((a, b) -> Integer.compare(a.preference, b.preference));
    List<MailExchanger> out = new ArrayList<>(sorted.size());
    int i = 0;
    while (i < sorted.size()) {
      int j = i;
      while (j < sorted.size() && sorted.get(j).preference == sorted.get(i).preference) {
        j++;
      }
      List<MailExchanger> tie = new ArrayList<>(sorted.subList(i, j));
      // Fisher-Yates with the caller's generator, so tests can fix the seed.
      for (int k = tie.size() - 1; k > 0; k--) {
        Collections.swap(tie, k, random.nextInt(k + 1));
      }
      out.addAll(tie);
      i = j;
    }
    return out;
  }
}
