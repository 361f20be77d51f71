package dev.mailtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailtrace.smtp.FakeSmtpServer;
import dev.mailtrace.smtp.MxLookup;
import dev.mailtrace.smtp.ScriptedDnsServer;
import dev.mailtrace.smtp.SmtpClientConfig;
import dev.mailtrace.smtp.Timeouts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Delivery to a domain's MX hosts (RFC 5321 section 5.1), found through a DNS server on 127.0.0.1. */
class ReplayerMxTest {

  private static int freePortOn(String... addresses) throws Exception {
    // A port free on 127.0.0.1 is normally free on the other loopback addresses too.
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(addresses[0]))) {
      return s.getLocalPort();
    }
  }

  private static ReplayConfig config(MxLookup dns, String domain, int port) throws Exception {
    return ReplayConfig.builder(domain, port)
        .client(SmtpClientConfig.defaults().withTimeouts(Timeouts.all(Duration.ofSeconds(5))))
        .exchangers(dns.lookup(domain))
        .policy(RecipientPolicy.fixed(List.of("sink@lab.test")))
        .retries(0).deadline(Duration.ofSeconds(60)).build();
  }

  @Test
  void theFirstExchangerThatAnswersGetsTheMailInPreferenceOrder() throws Exception {
    int port = freePortOn("127.0.0.2");
    try (ScriptedDnsServer dns = new ScriptedDnsServer();
        FakeSmtpServer backup = new FakeSmtpServer(InetAddress.getByName("127.0.0.3"), port);
        FakeSmtpServer last = new FakeSmtpServer(InetAddress.getByName("127.0.0.4"), port)) {
      // The preferred exchanger (127.0.0.2) has no server: the next preference takes the mail.
      dns.mx("lab.test", 10, "mx1.lab.test").mx("lab.test", 20, "mx2.lab.test").mx("lab.test", 30, "mx3.lab.test")
          .address("mx1.lab.test", "127.0.0.2").address("mx2.lab.test", "127.0.0.3").address("mx3.lab.test", "127.0.0.4");
      ReplayerTest.Collected log = new ReplayerTest.Collected();
      ReplaySummary s = new Replayer(config(MxLookup.via("127.0.0.1", dns.port()), "lab.test", port))
          .run(MessageSource.of(Messages.many(5)), log, null);
      assertEquals(5, s.count(Outcome.ACCEPTED), log.results.toString());
      assertEquals(5, backup.received.size());
      assertEquals(0, last.received.size());
    }
  }

  @Test
  void equalPreferencesShareTheSessions() throws Exception {
    int port = freePortOn("127.0.0.5");
    try (ScriptedDnsServer dns = new ScriptedDnsServer();
        FakeSmtpServer a = new FakeSmtpServer(InetAddress.getByName("127.0.0.5"), port);
        FakeSmtpServer b = new FakeSmtpServer(InetAddress.getByName("127.0.0.6"), port)) {
      dns.mx("pair.test", 10, "a.pair.test").mx("pair.test", 10, "b.pair.test")
          .address("a.pair.test", "127.0.0.5").address("b.pair.test", "127.0.0.6");
      ReplayConfig one = config(MxLookup.via("127.0.0.1", dns.port()), "pair.test", port);
      // One message per session, many sessions: both exchangers of the tie get some.
      ReplayConfig c = ReplayConfig.builder("pair.test", port).client(one.client()).exchangers(one.exchangers())
          .policy(one.policy()).perSession(1).sessions(4).retries(0).deadline(Duration.ofSeconds(60)).build();
      ReplaySummary s = new Replayer(c).run(MessageSource.of(Messages.many(40)), new ReplayerTest.Collected(), null);
      assertEquals(40, s.count(Outcome.ACCEPTED));
      assertEquals(40, a.received.size() + b.received.size());
      assertEquals(true, a.received.size() > 0 && b.received.size() > 0, a.received.size() + " / " + b.received.size());
    }
  }

  @Test
  void withoutMxTheDomainsOwnAddressGetsTheMail() throws Exception {
    int port = freePortOn("127.0.0.7");
    try (ScriptedDnsServer dns = new ScriptedDnsServer();
        FakeSmtpServer server = new FakeSmtpServer(InetAddress.getByName("127.0.0.7"), port)) {
      dns.address("plain.test", "127.0.0.7");
      ReplaySummary s = new Replayer(config(MxLookup.via("127.0.0.1", dns.port()), "plain.test", port))
          .run(MessageSource.of(Messages.many(3)), new ReplayerTest.Collected(), null);
      assertEquals(3, s.count(Outcome.ACCEPTED));
      assertEquals(3, server.received.size());
    }
  }
}
