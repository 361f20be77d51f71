package dev.mailtrace.bench;

import dev.mailtrace.received.HopChain;
import dev.mailtrace.received.ReceivedParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Received field parsing: one field value per operation, cycling through lines written in the
 * style of one MTA family ({@code style}), so the score is fields per second; a whole hop chain
 * per operation for {@link #hopChain()}; and a raw character scan of the same lines as the
 * baseline (the least any parser must do: look at every character once).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReceivedBenchmark {

  private static final List<String> POSTFIX = List.of(
      "from mail-qw0-f46.google.com (mail-qw0-f46.google.com [209.85.216.46]) by maroon.pobox.com (Postfix)"
          + " with ESMTPS id 70BCC40A1DB for <address@example.org>; Wed, 15 Jun 2011 10:42:13 -0400 (EDT)",
      "from gal.iecc.com (gal.iecc.com [IPv6:2001:470:1f07:1126:0:43:6f73:7461]) (using TLSv1.3 with cipher"
          + " TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits)"
          + " server-digest SHA256) (No client certificate requested) by ietfa.amsl.com (Postfix) with ESMTPS id"
          + " C95E9C151087 for <dmarc@ietf.org>; Sun, 27 Aug 2023 03:00:06 -0700 (PDT)",
      "from client.example.org (client.example.org [203.0.113.5]) (Authenticated sender: alice) by"
          + " mail.example.com (Postfix) with ESMTPSA id ABCD12 for <bob@example.com>; Fri, 25 Oct 2024 08:00:00"
          + " +0200 (CEST)",
      "by mail.example.com (Postfix, from userid 1000) id 1234ABCD; Fri, 25 Oct 2024 08:00:00 +0000 (UTC)");

  private static final List<String> EXIM = List.of(
      "from gate.jakob.de ([217.145.101.130]:60178 helo=gate2.jakob.de) by vps832469583.serverpool.info"
          + " (envelope-from <support@verleihshop.de>) with esmtps (TLS-1.0:DHE_RSA_3DES_EDE_CBC_SHA:24) (Exim 4.50)"
          + " id 1H3KFP-0005pI-08 for dvd@axelcity.de; Sat, 06 Jan 2007 23:42:55 +0100",
      "from relay.example.net ([192.0.2.10]:51234 helo=relay.example.net) by mx.example.com with esmtps "
          + " (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <a@example.net>) id 1t3abc-000123-Xy"
          + " for b@example.com; Wed, 23 Oct 2024 10:00:00 +0000",
      "from andrew by trinity.supernews.net with local (Exim 4.12) id 18xeL6-000Dn1-00; Tue, 25 Mar 2003"
          + " 02:39:00 +0000");

  private static final List<String> EXCHANGE = List.of(
      "from AM6PR04MB1234.eurprd04.prod.outlook.com (2603:10a6:20b:12::34) by"
          + " DB9PR04MB5678.eurprd04.prod.outlook.com (2603:10a6:10:ab::12) with Microsoft SMTP Server"
          + " (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8069.28; Tue, 22 Oct 2024"
          + " 07:01:01 +0000",
      "from AM6PR04MB1234.eurprd04.prod.outlook.com ([fe80::1234:5678:9abc:def0]) by"
          + " AM6PR04MB1234.eurprd04.prod.outlook.com ([fe80::1234:5678:9abc:def0%6]) with mapi id"
          + " 15.20.8069.027; Tue, 22 Oct 2024 07:01:00 +0000",
      "from vmta6.response.nfcu.org (199.204.166.217) by BN3NAM04FT003.mail.protection.outlook.com"
          + " (10.152.92.112) with Microsoft SMTP Server id 15.20.696.11 via Frontend Transport; Sat, 21 Apr 2018"
          + " 03:01:32 +0000");

  private static final List<String> QMAIL = List.of(
      "from adsl-207-213-27-129.dsl.lsan03.pacbell.net (HELO merlin.net.au) (Owner50@207.213.27.129) by"
          + " totor.example.net with SMTP; 10 Nov 2003 06:30:34 -0000",
      "(qmail 10681 invoked by uid 404); 14 Nov 2003 08:05:52 -0000",
      "from unknown (HELO terpsichore.farfalle.com) (jdavid@[216.254.40.70]) (envelope-sender"
          + " <jdavid@farfalle.com>) by mail13.speakeasy.net (qmail-ldap-1.03) with SMTP for <jm@jmason.org>; 12"
          + " Feb 2003 18:23:19 -0000");

  private static final List<String> ODD = List.of(
      "by filter0383p1iad2.sendgrid.net with SMTP id filter0383p1iad2-15318-5AB8F728-C 2018-03-26"
          + " 13:35:36.270951634 +0000 UTC",
      "from TCE-E-7-182-54.bta.net.cn(202.106.182.54) via SMTP by st.tahina.priv.at, id smtpdEDUB8h; Sun Nov 13"
          + " 14:50:12 2005",
      "from [172.25.197.120] (pcale.tana [172.25.197.120]) (AUTH: CRAM-MD5 uXDGrn@SYT0/k, TLS: TLS1.3, 128bits,"
          + " ECDHE_RSA_AES_128_GCM_SHA256) by wmail.tana.it with ESMTPSA id"
          + " 00000000005DC0D6.0000000064EC6711.00003756; Mon, 28 Aug 2023 11:21:21 +0200");

  @Param({"postfix", "exim", "exchange", "qmail", "odd"})
  public String style;

  private String[] lines;
  private List<String> chain;
  private int next;

  /** Chooses the Received fields of the MTA style under test. */
  @Setup
  public void setUp() {
    List<String> chosen = switch (style) {
      case "postfix" -> POSTFIX;
      case "exim" -> EXIM;
      case "exchange" -> EXCHANGE;
      case "qmail" -> QMAIL;
      default -> ODD;
    };
    lines = chosen.toArray(String[]::new);
    chain = List.copyOf(chosen);
  }

  private String nextLine() {
    String s = lines[next];
    next = next + 1 == lines.length ? 0 : next + 1;
    return s;
  }

  /** One field value parsed into a Hop. */
  @Benchmark
  public Object parseField() {
    return ReceivedParser.parse(nextLine());
  }

  /** The style's lines as one message's chain: parse, order, delays, anomalies. */
  @Benchmark
  public Object hopChain() {
    return HopChain.ofFields(chain);
  }

  /** Baseline: every character looked at once (count comment openers and semicolons). */
  @Benchmark
  public int rawCharScan() {
    String s = nextLine();
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == ';') {
        n++;
      }
    }
    return n;
  }
}
