package dev.mailtrace.bench;

import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import dev.mailtrace.mime.MessageParser;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One message per operation, cycling through the same generated corpus, so the score is messages
 * per second. Every parser does comparable work: header fields the tool needs (subject, from, to,
 * date), the whole MIME tree, and each leaf body decoded (transfer encoding undone; text bodies
 * turned into characters with their charset).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class ParserBenchmark {
  private List<byte[]> messages;
  private RawMessage[] raws;
  private int next;
  private MessageParser parser;
  private DefaultMessageBuilder mime4jBuilder;
  private Session session;
  private final char[] chars = new char[8192];
  private final byte[] bytes = new byte[8192];

  /** Generates the benchmark corpus once, before the measurements. */
  @Setup
  public void setUp() {
    BenchCorpus corpus = BenchCorpus.generate(BenchCorpus.SEED, BenchCorpus.COUNT);
    messages = corpus.messages();
    raws = new RawMessage[messages.size()];
    long offset = 0;
    for (int i = 0; i < raws.length; i++) {
      byte[] m = messages.get(i);
      raws[i] = new RawMessage(new Source("bench.mbox", offset, m.length, ""), i, null, m);
      offset += m.length;
    }
    parser = new MessageParser();
    mime4jBuilder = new DefaultMessageBuilder();
    mime4jBuilder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
    mime4jBuilder.setDecodeMonitor(DecodeMonitor.SILENT);
    Properties props = new Properties();
    // Be as lenient as the other parsers: broken base64 is data, not an error.
    props.setProperty("mail.mime.base64.ignoreerrors", "true");
    session = Session.getInstance(props);
  }

  private int nextIndex() {
    int i = next;
    next = i + 1 == raws.length ? 0 : i + 1;
    return i;
  }

  /** mailtrace: framing-free parse of one message into the full model. */
  @Benchmark
  public Object mailtraceParse() {
    return parser.parse(raws[nextIndex()]);
  }

  /** Baseline: touch every byte of the message once (count line ends). */
  @Benchmark
  public int rawLineScan() {
    byte[] m = messages.get(nextIndex());
    int lines = 0;
    for (byte b : m) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }

  /** mime4j's pull tokenizer: every token visited, fields consumed, bodies skipped (not decoded). */
  @Benchmark
  public int mime4jTokenWalk(Blackhole bh) {
    MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE);
    stream.parse(new ByteArrayInputStream(messages.get(nextIndex())));
    int tokens = 0;
    try {
      for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
        if (s == EntityState.T_FIELD) {
          bh.consume(stream.getField());
        }
        tokens++;
      }
    } catch (IOException | MimeException e) {
      bh.consume(e);
    }
    return tokens;
  }

  /** mime4j DOM with content decoding, then every body read through its decoded stream. */
  @Benchmark
  public long mime4jDomDecoded(Blackhole bh) {
    try {
      Message m = mime4jBuilder.parseMessage(new ByteArrayInputStream(messages.get(nextIndex())));
      bh.consume(m.getSubject());
      bh.consume(m.getFrom());
      bh.consume(m.getTo());
      bh.consume(m.getDate());
      bh.consume(m.getMessageId());
      long n = walk(m);
      m.dispose();
      return n;
    } catch (IOException | RuntimeException e) {
      bh.consume(e);
      return -1;
    }
  }

  private long walk(Entity e) throws IOException {
    Body body = e.getBody();
    if (body instanceof Multipart mp) {
      long n = 0;
      for (Entity part : mp.getBodyParts()) {
        n += walk(part);
      }
      return n;
    }
    if (body instanceof Message enclosed) {
      return walk(enclosed);
    }
    if (body instanceof TextBody text) {
      try (Reader r = text.getReader()) {
        return drain(r);
      }
    }
    if (body instanceof SingleBody single) {
      try (InputStream in = single.getInputStream()) {
        return drain(in);
      }
    }
    return 0;
  }

  /** Jakarta Mail (Angus): MimeMessage, parts walked, each leaf read through its decoded stream. */
  @Benchmark
  public long jakartaMailDecoded(Blackhole bh) {
    try {
      MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(messages.get(nextIndex())));
      bh.consume(m.getSubject());
      bh.consume(m.getFrom());
      bh.consume(m.getRecipients(jakarta.mail.Message.RecipientType.TO));
      bh.consume(m.getSentDate());
      bh.consume(m.getMessageID());
      return walk(m);
    } catch (MessagingException | IOException | RuntimeException e) {
      bh.consume(e);
      return -1;
    }
  }

  private long walk(Part p) throws MessagingException, IOException {
    if (p.isMimeType("multipart/*") && p instanceof MimePart mp) {
      // A DataSource over the part avoids the activation framework's handler lookup.
      MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(mp));
      long n = 0;
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        n += walk(child);
      }
      return n;
    }
    if (p.isMimeType("message/rfc822")) {
      try (InputStream in = p.getInputStream()) {
        return walk(new MimeMessage(session, in));
      }
    }
    if (p.isMimeType("text/*")) {
      Charset cs = charset(p.getContentType());
      try (Reader r = new InputStreamReader(p.getInputStream(), cs)) {
        return drain(r);
      }
    }
    try (InputStream in = p.getInputStream()) {
      return drain(in);
    }
  }

  private static Charset charset(String contentType) {
    try {
      String name = new ContentType(contentType).getParameter("charset");
      return name == null ? StandardCharsets.US_ASCII : Charset.forName(MimeUtility.javaCharset(name));
    } catch (Exception e) {
      return StandardCharsets.ISO_8859_1;
    }
  }

  private long drain(InputStream in) throws IOException {
    long n = 0;
    for (int r; (r = in.read(bytes)) > 0; ) {
      n += r;
    }
    return n;
  }

  private long drain(Reader in) throws IOException {
    long n = 0;
    for (int r; (r = in.read(chars)) > 0; ) {
      n += r;
    }
    return n;
  }
}
