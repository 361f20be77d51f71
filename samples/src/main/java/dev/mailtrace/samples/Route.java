package dev.mailtrace.samples;

import dev.mailtrace.samples.Vocabulary.Org;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The path of one message from the sender's client to the recipient's mailbox, written as Received
 * header fields (RFC 5321 section 4.4) in the layouts of several MTAs.
 *
 * <p>Hops are stamped in travel order with small increasing delays; a few messages get one long
 * delay (greylisting, a queue backlog) or one hop whose clock is behind the previous one.
 */
final class Route {
  /** Received values, most recent first (the order they appear in the header section). */
  final List<String> received;
  /** Time the last hop stamped, epoch seconds. */
  final long deliveredAt;

  private Route(List<String> received, long deliveredAt) {
    this.received = received;
    this.deliveredAt = deliveredAt;
  }

  private record Hop(
      MtaStyle style,
      String helo,
      String rdns,
      String ip,
      String by,
      String byIp,
      String protocol,
      boolean tls,
      int zone) {}

  static Route of(
      SplittableRandom r, Org from, Org to, String envelopeFrom, String recipient, long sentAt) {
    return of(r, from, to, envelopeFrom, recipient, sentAt, false);
  }

  /**
   * The route; with {@code outboundOnly} it stops at the sender's last relay (a message that was
   * never delivered, as quoted in a bounce).
   */
  static Route of(
      SplittableRandom r, Org from, Org to, String envelopeFrom, String recipient, long sentAt,
      boolean outboundOnly) {
    int hops = 2 + r.nextInt(5); // 2..6
    int senderRelays = 0;
    int recipientInternal = 0;
    for (int extra = hops - 2; extra > 0; extra--) {
      if ((r.nextBoolean() && senderRelays < 2) || recipientInternal == 2) {
        senderRelays++;
      } else {
        recipientInternal++;
      }
    }
    int fromIdx = orgIndex(from);
    int toIdx = orgIndex(to);
    List<Hop> path = new ArrayList<>(hops);

    // Submission from the user's client (RFC 6409), authenticated.
    String client =
        r.nextInt(4) == 0
            ? "2001:db8:" + Integer.toHexString(0x100 + fromIdx) + "::" + Integer.toHexString(r.nextInt(0xffff) + 1)
            : "10." + fromIdx + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    String clientName = r.nextBoolean() ? "[" + client + "]" : "laptop-" + (1 + r.nextInt(90)) + ".lan";
    String submit = host(from, "smtp");
    path.add(new Hop(from.style(), clientName, null, client, submit, internal(fromIdx, 1), "ESMTPSA", true, from.zoneMinutes()));
    String prev = submit;
    String prevIp = internal(fromIdx, 1);
    String[] relayNames = {"relay", "out1"};
    for (int i = 0; i < senderRelays; i++) {
      String next = host(from, relayNames[i]);
      String nextIp = internal(fromIdx, 2 + i);
      path.add(new Hop(from.style(), prev, prev, prevIp, next, nextIp, "ESMTP", r.nextBoolean(), from.zoneMinutes()));
      prev = next;
      prevIp = nextIp;
    }
    if (outboundOnly) {
      recipientInternal = -1;
    }
    // Across the Internet to the recipient's MX: a public address, IPv6 for some.
    String publicIp =
        r.nextInt(10) < 3
            ? "2001:db8:" + Integer.toHexString(0x100 + fromIdx) + ":1::" + Integer.toHexString(1 + r.nextInt(0xff))
            : publicV4(fromIdx, r);
    String mx = host(to, "mx" + (1 + r.nextInt(2)));
    boolean unknownRdns = r.nextInt(20) == 0;
    if (recipientInternal >= 0) {
    path.add(new Hop(to.style(), prev, unknownRdns ? "unknown" : prev, publicIp, mx, publicV4(toIdx, r), r.nextInt(100) < 85 ? "ESMTPS" : "ESMTP", true, to.zoneMinutes()));
    prev = mx;
    prevIp = internal(toIdx, 5);
    String[] storeNames = {"filter", "mailstore"};
    for (int i = 0; i < recipientInternal; i++) {
      String name = storeNames[recipientInternal == 1 ? 1 : i];
      String next = host(to, name);
      String nextIp = internal(toIdx, 6 + i);
      path.add(new Hop(to.style(), prev, prev, prevIp, next, nextIp, name.equals("mailstore") ? "LMTP" : "ESMTP", false, to.zoneMinutes()));
      prev = next;
      prevIp = nextIp;
    }
    }

    long[] times = new long[path.size()];
    long t = sentAt + r.nextInt(3);
    int longDelayAt = r.nextInt(25) == 0 && path.size() > 1 ? 1 + r.nextInt(path.size() - 1) : -1;
    int skewAt = r.nextInt(30) == 0 && path.size() > 1 ? 1 + r.nextInt(path.size() - 1) : -1;
    for (int i = 0; i < times.length; i++) {
      if (i > 0) {
        t += r.nextInt(4) == 0 ? 1 + r.nextInt(5) : r.nextInt(2);
        if (i == longDelayAt) {
          t += r.nextBoolean() ? 300 + r.nextInt(600) : 3600 + r.nextInt(4 * 3600);
        }
      }
      times[i] = i == skewAt ? t - (5 + r.nextInt(400)) : t;
    }

    List<String> received = new ArrayList<>(path.size());
    for (int i = path.size() - 1; i >= 0; i--) {
      received.add(format(r, path.get(i), i == 0, envelopeFrom, recipient, times[i]));
    }
    return new Route(received, times[times.length - 1]);
  }

  private static String format(SplittableRandom r, Hop h, boolean submission, String envelopeFrom, String rcpt, long time) {
    StringBuilder sb = new StringBuilder(240);
    String ipLiteral = h.ip.indexOf(':') >= 0 ? "IPv6:" + h.ip : h.ip;
    switch (h.style) {
      case POSTFIX -> {
        if (submission && r.nextInt(3) == 0) {
          sb.append("by ").append(h.by).append(" (Postfix, from userid ").append(1000 + r.nextInt(50)).append(")\n\tid ")
              .append(postfixId(r)).append("; ").append(MailDates.rfc5322(time, h.zone, true));
          return sb.toString();
        }
        sb.append("from ").append(h.helo).append(" (").append(h.rdns == null ? "unknown" : h.rdns)
            .append(" [").append(h.ip).append("])\n");
        if (h.tls && !h.protocol.equals("ESMTP")) {
          sb.append("\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n")
              .append("\t key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)\n")
              .append("\t(No client certificate requested)\n");
        }
        sb.append("\tby ").append(h.by).append(" (Postfix) with ").append(h.protocol).append(" id ").append(postfixId(r))
            .append("\n\tfor <").append(rcpt).append(">; ").append(MailDates.rfc5322(time, h.zone, true))
            .append(" (").append(zoneName(h.zone)).append(')');
      }
      case EXIM -> {
        sb.append("from ");
        if (h.rdns == null || h.rdns.equals("unknown")) {
          sb.append('[').append(h.ip).append("] (helo=").append(h.helo).append(')');
        } else if (h.rdns.equals(h.helo)) {
          sb.append(h.rdns).append(" ([").append(h.ip).append("])");
        } else {
          sb.append(h.rdns).append(" ([").append(h.ip).append("] helo=").append(h.helo).append(')');
        }
        sb.append("\n\tby ").append(h.by).append(" with ").append(h.protocol.toLowerCase());
        if (h.tls && !h.protocol.equals("ESMTP")) {
          sb.append("  (TLS1.3) tls TLS_AES_256_GCM_SHA384");
        }
        sb.append("\n\t(Exim 4.97)\n\t(envelope-from <").append(envelopeFrom).append(">)\n\tid ")
            .append(eximId(r)).append("\n\tfor ").append(rcpt).append("; ")
            .append(MailDates.rfc5322(time, h.zone, true));
      }
      case SENDMAIL -> {
        sb.append("from ").append(h.helo).append(" (").append(h.rdns == null ? "" : h.rdns + " ").append('[')
            .append(ipLiteral).append("])\n\tby ").append(h.by).append(" (8.17.1/8.17.1) with ").append(h.protocol)
            .append(" id ").append(sendmailId(r));
        if (h.tls && !h.protocol.equals("ESMTP")) {
          sb.append("\n\t(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT)");
        }
        sb.append("\n\tfor <").append(rcpt).append(">; ").append(MailDates.rfc5322(time, h.zone, true));
      }
      case EXCHANGE -> {
        String fromHost = submission ? exchangeHost(r, h.by) : h.rdns == null ? h.helo : h.rdns;
        sb.append("from ").append(fromHost).append(" (").append(h.ip).append(")\n by ")
            .append(h.by).append(" (").append(h.byIp).append(") with Microsoft SMTP Server");
        if (h.tls) {
          sb.append(" (version=TLS1_2,\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)");
        }
        sb.append(" id 15.20.").append(8000 + r.nextInt(300)).append('.').append(r.nextInt(40));
        if (submission) {
          sb.append(" via Frontend Transport");
        }
        sb.append("; ").append(MailDates.rfc5322(time, h.zone, true));
      }
      case GMAIL -> {
        if (submission) {
          sb.append("by 2002:a05:").append(Integer.toHexString(0x6000 + r.nextInt(0xfff))).append(":")
              .append(Integer.toHexString(r.nextInt(0xffff))).append(":b0:").append(Integer.toHexString(r.nextInt(0xfff)))
              .append(" with SMTP id ").append(token(r, 10)).append("csp").append(r.nextInt(1_000_000))
              .append(";\n        ").append(MailDates.rfc5322(time, h.zone, true)).append(" (").append(zoneName(h.zone)).append(')');
          return sb.toString();
        }
        sb.append("from ").append(h.helo).append(" (")
            .append(h.rdns == null ? h.helo + "." : h.rdns.equals("unknown") ? "unknown" : h.rdns + ".").append(" [")
            .append(h.ip).append("])\n        by ").append(h.by).append(" with ").append(h.protocol).append(" id ")
            .append(token(r, 16)).append("\n        for <").append(rcpt).append('>');
        if (h.tls) {
          sb.append("\n        (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128)");
        }
        sb.append(";\n        ").append(MailDates.rfc5322(time, h.zone, true)).append(" (").append(zoneName(h.zone)).append(')');
      }
      case QMAIL -> {
        if (submission || h.protocol.equals("LMTP")) {
          sb.append("(qmail ").append(1000 + r.nextInt(60000)).append(" invoked by uid ").append(r.nextBoolean() ? 89 : 1003)
              .append("); ").append(MailDates.rfc5322(time, h.zone, false));
          return sb.toString();
        }
        sb.append("from ").append(h.rdns == null || h.rdns.equals("unknown") ? "unknown" : h.rdns).append(" (HELO ")
            .append(h.helo).append(") (").append(h.ip).append(")\n  by ").append(h.by).append(" with ")
            .append(h.tls && !h.protocol.equals("ESMTP") ? "ESMTPS (TLS_AES_256_GCM_SHA384 encrypted)" : "SMTP")
            .append("; ").append(MailDates.rfc5322(time, h.zone, false));
      }
    }
    return sb.toString();
  }

  static int orgIndex(Org org) {
    for (int i = 0; i < Vocabulary.ORGS.length; i++) {
      if (Vocabulary.ORGS[i] == org) {
        return i;
      }
    }
    return 0;
  }

  static String host(Org org, String name) {
    if (org.style() == MtaStyle.EXCHANGE && !name.startsWith("mx")) {
      return name.toUpperCase() + "0PR0" + (orgIndex(org) % 9) + "MB" + (1000 + orgIndex(org) * 37)
          + ".prod." + org.domain();
    }
    return name + "." + org.domain();
  }

  private static String exchangeHost(SplittableRandom r, String by) {
    return "DB" + (3 + r.nextInt(6)) + "PR0" + r.nextInt(9) + "CA" + (1000 + r.nextInt(9000))
        + by.substring(by.indexOf('.'));
  }

  static String internal(int orgIdx, int n) {
    return "10." + orgIdx + ".0." + n;
  }

  static String publicV4(int orgIdx, SplittableRandom r) {
    String[] nets = {"192.0.2.", "198.51.100.", "203.0.113."};
    return nets[orgIdx % 3] + (10 + orgIdx * 14 + r.nextInt(10));
  }

  private static String zoneName(int zone) {
    return switch (zone) {
      case 0 -> "UTC";
      case 60 -> "CET";
      case 120 -> "EET";
      case -300 -> "EST";
      case -360 -> "CST";
      case -480 -> "PST";
      case 540 -> "JST";
      default -> "GMT" + (zone < 0 ? "-" : "+") + Math.abs(zone / 60);
    };
  }

  private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  static String token(SplittableRandom r, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = ALNUM.charAt(r.nextInt(ALNUM.length()));
    }
    return new String(c);
  }

  private static String postfixId(SplittableRandom r) {
    return "4" + token(r, 11);
  }

  private static String eximId(SplittableRandom r) {
    return "1t" + token(r, 4) + "-" + token(r, 6) + "-" + token(r, 2);
  }

  private static String sendmailId(SplittableRandom r) {
    return "5AR" + token(r, 5) + String.format("%06d", r.nextInt(1_000_000));
  }
}
