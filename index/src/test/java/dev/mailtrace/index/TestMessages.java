package dev.mailtrace.index;

import dev.mailtrace.message.Address;
import dev.mailtrace.message.Header;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import dev.mailtrace.message.Source;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link Message} records by hand for tests of the index and the search. */
public final class TestMessages {
  private String file = "/archive/inbox.mbox";
  private long offset;
  private long length = 1000;
  private String sha256;
  private String subject;
  private OffsetDateTime date;
  private final List<Address> from = new ArrayList<>();
  private final List<Address> to = new ArrayList<>();
  private final List<Address> cc = new ArrayList<>();
  private String messageId;
  private String inReplyTo;
  private final List<String> references = new ArrayList<>();
  private String text = "";
  private final List<Header> headers = new ArrayList<>();
  private final List<Part> attachments = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private TestMessages() {}

  /** Lower-case hex SHA-256 of bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new builder. */
  public static TestMessages message() {
    return new TestMessages();
  }

  public TestMessages at(String file, long offset, long length) {
    this.file = file;
    this.offset = offset;
    this.length = length;
    return this;
  }

  public TestMessages sha256(String sha) {
    this.sha256 = sha;
    return this;
  }

  public TestMessages subject(String s) {
    this.subject = s;
    headers.add(new Header("Subject", s));
    return this;
  }

  public TestMessages date(String iso) {
    this.date = OffsetDateTime.parse(iso);
    return this;
  }

  public TestMessages from(String name, String address) {
    from.add(new Address(name, address));
    headers.add(new Header("From", address));
    return this;
  }

  public TestMessages to(String address) {
    to.add(new Address(null, address));
    return this;
  }

  public TestMessages cc(String address) {
    cc.add(new Address(null, address));
    return this;
  }

  public TestMessages messageId(String id) {
    this.messageId = id;
    return this;
  }

  public TestMessages inReplyTo(String id) {
    this.inReplyTo = id;
    return this;
  }

  public TestMessages references(String... ids) {
    references.addAll(List.of(ids));
    return this;
  }

  public TestMessages text(String t) {
    this.text = t;
    return this;
  }

  public TestMessages header(String name, String value) {
    headers.add(new Header(name, value));
    return this;
  }

  public TestMessages attachment(String filename, String type, int size) {
    byte[] body = new byte[size];
    attachments.add(
        new Part("1." + (attachments.size() + 2), List.of(), type, null, "base64", "attachment", filename,
            List.of(), body, size, sha256(body)));
    return this;
  }

  public TestMessages problem(String p) {
    problems.add(p);
    return this;
  }

  public Message build() {
    byte[] bodyBytes = text.getBytes(StandardCharsets.UTF_8);
    Part textPart = new Part("1", List.of(), "text/plain", "utf-8", "7bit", null, null, List.of(), bodyBytes, bodyBytes.length, sha256(bodyBytes));
    Part root;
    if (attachments.isEmpty()) {
      root = textPart;
    } else {
      List<Part> children = new ArrayList<>();
      children.add(new Part("1.1", List.of(), "text/plain", "utf-8", "7bit", null, null, List.of(), bodyBytes, bodyBytes.length, sha256(bodyBytes)));
      children.addAll(attachments);
      root = new Part("1", List.of(), "multipart/mixed", null, "7bit", null, null, children, new byte[0], 0, null);
    }
    String sha = sha256 != null ? sha256 : sha256((file + offset + subject + messageId).getBytes(StandardCharsets.UTF_8));
    List<Header> hs = new ArrayList<>(headers);
    if (messageId != null) {
      hs.add(new Header("Message-ID", "<" + messageId + ">"));
    }
    return new Message(
        new Source(file, offset, length, sha), 0, null, hs, subject, date, from, List.of(), List.of(), to, cc,
        List.of(), messageId, inReplyTo, references, root, text, problems);
  }
}
