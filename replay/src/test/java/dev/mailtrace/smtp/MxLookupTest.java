package dev.mailtrace.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MxLookupTest {
  private ScriptedDnsServer dns;
  private MxLookup lookup;

  @BeforeEach
  void start() throws Exception {
    dns = new ScriptedDnsServer();
    lookup = MxLookup.via("127.0.0.1", dns.port());
  }

  @AfterEach
  void stop() {
    dns.close();
  }

  private static List<String> hosts(List<MailExchanger> list) {
    return list.stream().map(MailExchanger::host).toList();
  }

  @Test
  void exchangersComeInPreferenceOrderWithTheirAddresses() throws Exception {
    dns.mx("lab.test", 20, "backup.lab.test").mx("lab.test", 10, "mx1.lab.test")
        .address("mx1.lab.test", "127.0.0.2").address("mx1.lab.test", "::1").address("backup.lab.test", "127.0.0.3");
    List<MailExchanger> mx = lookup.lookup("lab.test");
    assertEquals(List.of("mx1.lab.test", "backup.lab.test"), hosts(mx));
    assertEquals(List.of(10, 20), mx.stream().map(MailExchanger::preference).toList());
    assertEquals(List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("::1")), mx.get(0).addresses());
  }

  @Test
  void withoutMxTheDomainItselfIsTheExchanger() throws Exception {
    dns.address("plain.test", "127.0.0.4");
    List<MailExchanger> mx = lookup.lookup("plain.test");
    assertEquals(List.of("plain.test"), hosts(mx));
    assertEquals(0, mx.get(0).preference());
  }

  @Test
  void exchangersWithoutAddressesAreLeftOutAndNoneLeftIsAnError() throws Exception {
    dns.mx("half.test", 5, "gone.half.test").mx("half.test", 10, "ok.half.test").address("ok.half.test", "127.0.0.5");
    assertEquals(List.of("ok.half.test"), hosts(lookup.lookup("half.test")));
    dns.mx("dead.test", 5, "gone.dead.test");
    UnknownHostException e = assertThrows(UnknownHostException.class, () -> lookup.lookup("dead.test"));
    assertTrue(e.getMessage().contains("gone.dead.test"), e.getMessage());
  }

  @Test
  void nullMxAndUnknownDomainsAreErrors() {
    dns.mx("nomail.test", 0, ".");
    assertTrue(assertThrows(UnknownHostException.class, () -> lookup.lookup("nomail.test")).getMessage().contains("null MX"));
    assertTrue(assertThrows(UnknownHostException.class, () -> lookup.lookup("absent.test")).getMessage().contains("does not exist"));
    dns.exists("empty.test");
    assertTrue(assertThrows(UnknownHostException.class, () -> lookup.lookup("empty.test")).getMessage().contains("no MX and no A"));
  }

  @Test
  void equalPreferencesAreShuffledAndOrderIsKept() throws Exception {
    List<MailExchanger> list = List.of(new MailExchanger("a", 10, List.of()), new MailExchanger("b", 10, List.of()),
        new MailExchanger("c", 10, List.of()), new MailExchanger("z", 5, List.of()), new MailExchanger("last", 50, List.of()));
    long seed = Long.getLong("tests.seed", System.nanoTime());
    Random random = new Random(seed);
    Set<String> firstOfTie = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      List<String> order = hosts(MailExchanger.tryOrder(list, random));
      assertEquals("z", order.get(0), "seed " + seed);
      assertEquals("last", order.get(4), "seed " + seed);
      assertEquals(Set.of("a", "b", "c"), Set.copyOf(order.subList(1, 4)), "seed " + seed);
      firstOfTie.add(order.get(1));
    }
    assertEquals(Set.of("a", "b", "c"), firstOfTie, "seed " + seed);
  }
}
