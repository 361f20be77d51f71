package dev.mailtrace.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS server on 127.0.0.1 (UDP, a free port) answering from a small zone the test fills: MX, A
 * and AAAA records (RFC 1035 section 4; AAAA RFC 3596). Names not in the zone get NXDOMAIN; names
 * in it without records of the asked type get an empty answer (NODATA).
 */
public final class ScriptedDnsServer implements AutoCloseable {
  private static final int A = 1;
  private static final int MX = 15;
  private static final int AAAA = 28;

  private record Record(int type, int preference, String target, byte[] address) {}

  private final Map<String, List<Record>> zone = new ConcurrentHashMap<>();
  private final DatagramSocket socket;
  private final Thread thread;
  /** Questions answered, for tests that check a lookup happened. */
  public final AtomicInteger questions = new AtomicInteger();

  public ScriptedDnsServer() throws IOException {
    socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
    thread = Thread.ofPlatform().daemon().name("scripted-dns").start(this::serve);
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** Adds an MX record. */
  public ScriptedDnsServer mx(String name, int preference, String target) {
    records(name).add(new Record(MX, preference, target, null));
    return this;
  }

  /** Adds an A or AAAA record, by the address's family. */
  public ScriptedDnsServer address(String name, String literal) throws IOException {
    byte[] a = InetAddress.getByName(literal).getAddress();
    records(name).add(new Record(a.length == 4 ? A : AAAA, 0, null, a));
    return this;
  }

  /** Makes a name exist without records (NODATA instead of NXDOMAIN). */
  public ScriptedDnsServer exists(String name) {
    records(name);
    return this;
  }

  private List<Record> records(String name) {
    return zone.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new java.util.concurrent.CopyOnWriteArrayList<>());
  }

  private void serve() {
    byte[] buf = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
        byte[] reply = answer(buf, p.getLength());
        if (reply != null) {
          socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private byte[] answer(byte[] q, int n) {
    if (n < 12) {
      return null;
    }
    questions.incrementAndGet();
    int i = 12;
    StringBuilder name = new StringBuilder();
    while (i < n && q[i] != 0) {
      int len = q[i] & 0xff;
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(new String(q, i + 1, len, StandardCharsets.US_ASCII));
      i += len + 1;
    }
    int qEnd = i + 5;
    int type = ((q[i + 1] & 0xff) << 8) | (q[i + 2] & 0xff);
    List<Record> records = zone.get(name.toString().toLowerCase(Locale.ROOT));
    List<Record> matching = new ArrayList<>();
    if (records != null) {
      for (Record r : records) {
        if (r.type == type) {
          matching.add(r);
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(q[0]);
    out.write(q[1]);
    out.write(0x84 | (q[2] & 0x01)); // QR, AA, RD copied
    out.write(records == null ? 3 : 0); // NXDOMAIN or NOERROR
    out.writeBytes(new byte[] {0, 1, 0, (byte) matching.size(), 0, 0, 0, 0});
    out.write(q, 12, qEnd - 12);
    for (Record r : matching) {
      out.writeBytes(new byte[] {(byte) 0xc0, 12, 0, (byte) r.type, 0, 1, 0, 0, 0, 60});
      byte[] data;
      if (r.type == MX) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.write(r.preference >> 8);
        d.write(r.preference);
        for (String label : r.target.split("\\.")) {
          if (!label.isEmpty()) {
            d.write(label.length());
            d.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
          }
        }
        d.write(0);
        data = d.toByteArray();
      } else {
        data = r.address;
      }
      out.write(data.length >> 8);
      out.write(data.length);
      out.writeBytes(data);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    socket.close();
    thread.interrupt();
  }
}
