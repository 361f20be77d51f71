package dev.mailtrace.mime;

import dev.mailtrace.header.AddressParser;
import dev.mailtrace.header.DateParser;
import dev.mailtrace.header.EncodedWords;
import dev.mailtrace.header.MediaType;
import dev.mailtrace.header.MessageIds;
import dev.mailtrace.header.Unstructured;
import dev.mailtrace.message.Address;
import dev.mailtrace.message.Header;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import dev.mailtrace.message.RawMessage;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builds one {@link Message} from the tokens of a {@link MimeTokenizer}: entities as drafts on an
 * explicit stack, turned into immutable {@link Part}s bottom-up as they end. Used once, by one
 * thread.
 */
final class TreeBuilder {

  private enum Kind {
    LEAF,
    MULTIPART,
    MESSAGE
  }

  /** An entity being read. */
  private static final class Entity {
    final Entity parent;
    final int depth;
    /** The section number from the parent multipart, or the enclosing message part's path. */
    final String number;
    /** True for the top entity of a message (the root or an enclosed message). */
    final boolean top;

    final List<Header> headers = new ArrayList<>(8);
    final List<Part> children = new ArrayList<>(2);
    Kind kind = Kind.LEAF;
    String path;
    String contentType = "text/plain";
    String charset;
    String transferEncoding = "7bit";
    String disposition;
    String filename;
    MediaType mediaType;
    int childCount;
    boolean discarded;
    boolean encodedMessage;
    boolean tooManyHeaders;
    byte[] body = EMPTY;
    long size;
    String sha256;

    Entity(Entity parent, int depth, String number, boolean top) {
      this.parent = parent;
      this.depth = depth;
      this.number = number;
      this.top = top;
    }
  }

  private static final byte[] EMPTY = new byte[0];

  private final RawMessage raw;
  private final ParserConfig config;
  private final List<String> problems;
  /** Decoded body bytes the message may still keep (see {@link ParserConfig#maxKeptBytes()}). */
  private long keepLeft;
  private final ArrayDeque<Entity> containers = new ArrayDeque<>();
  private final ArrayDeque<MimeTokenizer> tokenizers = new ArrayDeque<>();
  private MimeTokenizer tokenizer;
  private Entity current;
  private Part root;
  private int entities;

  TreeBuilder(RawMessage raw, ParserConfig config, List<String> problems) {
    this.raw = raw;
    this.config = config;
    this.problems = problems;
    this.keepLeft = config.maxKeptBytes();
  }

  Message build() {
    tokenizer = new MimeTokenizer(raw.content(), config.maxDepth(), problems);
    current = newEntity(null, 0, null, true);
    loop:
    while (true) {
      switch (tokenizer.next()) {
        case FIELD -> addField(current);
        case END_OF_HEADER -> chooseBody(current);
        case BODY -> endLeaf(current);
        case START_PART -> startPart();
        case END_MULTIPART -> endMultipart();
        case END_OF_INPUT -> {
          if (tokenizers.isEmpty()) {
            break loop;
          }
          tokenizer = tokenizers.pop();
        }
      }
    }
    while (root == null && !containers.isEmpty()) {
      finish(containers.pop()); // defensive: cannot happen when the tokenizer is consistent
    }
    return message();
  }

  private Entity newEntity(Entity parent, int depth, String number, boolean top) {
    Entity e = new Entity(parent, depth, number, top);
    if (++entities > config.maxParts()) {
      e.discarded = parent != null;
      if (entities == config.maxParts() + 1) {
        problems.add("more than " + config.maxParts() + " parts, the rest is skipped: part "
            + (number == null ? "1" : number));
      }
    }
    return e;
  }

  // ---- header fields ----

  private void addField(Entity e) {
    if (e.headers.size() >= config.maxHeaderCount()) {
      if (!e.tooManyHeaders) {
        e.tooManyHeaders = true;
        problems.add("more than " + config.maxHeaderCount() + " header fields, the rest skipped: "
            + where(e));
      }
      return;
    }
    int max = config.maxHeaderBytes();
    if (tokenizer.fieldValueLength() > max) {
      problems.add("header field longer than " + max + " bytes truncated: "
          + tokenizer.fieldName() + " in " + where(e));
    }
    e.headers.add(new Header(tokenizer.fieldName(), tokenizer.fieldValue(max)));
  }

  private static String where(Entity e) {
    return e.path != null ? "part " + e.path
        : e.parent == null ? "message header"
        : "part " + (e.top ? e.number + ".1" : e.number);
  }

  // ---- entity kinds ----

  private void chooseBody(Entity e) {
    interpret(e);
    if (e.discarded) {
      e.path = e.top ? childOfMessage(e.number) : e.number;
      tokenizer.enterLeaf();
      return;
    }
    String type = e.contentType;
    if (type.startsWith("multipart/")) {
      e.path = e.top ? (e.number == null ? "" : e.number) : e.number;
      String boundary = e.mediaType == null ? null : e.mediaType.param("boundary");
      if (boundary == null || boundary.isEmpty()) {
        problems.add("multipart without a boundary parameter, read as one part: " + pathOf(e));
      } else if (e.depth >= config.maxDepth()) {
        problems.add("nesting deeper than " + config.maxDepth() + ", read as one part: "
            + pathOf(e));
      } else if (tokenizer.enterMultipart(boundaryBytes(boundary))) {
        e.kind = Kind.MULTIPART;
        containers.push(e);
        return;
      } else {
        problems.add("multipart whose boundary never appears, read as one part: " + pathOf(e));
      }
      e.path = e.top ? childOfMessage(e.number) : e.number;
      tokenizer.enterLeaf();
      return;
    }
    e.path = e.top ? childOfMessage(e.number) : e.number;
    if (isEnclosedMessage(type)) {
      if (e.depth >= config.maxDepth()) {
        problems.add("nesting deeper than " + config.maxDepth() + ", read as one part: "
            + pathOf(e));
        tokenizer.enterLeaf();
        return;
      }
      TransferDecoding.Encoding enc = TransferDecoding.Encoding.of(e.transferEncoding);
      if (enc == TransferDecoding.Encoding.IDENTITY) {
        e.kind = Kind.MESSAGE;
        containers.push(e);
        tokenizer.enterMessage();
        current = newEntity(e, e.depth + 1, e.path, true);
        return;
      }
      if (enc != TransferDecoding.Encoding.UNKNOWN) {
        // RFC 2046 section 5.2.1 forbids encoding message/rfc822, but it is met: decode, then parse.
        e.encodedMessage = true;
      }
    }
    tokenizer.enterLeaf();
  }

  private static String childOfMessage(String messagePath) {
    return messagePath == null ? "1" : messagePath + ".1";
  }

  private static String pathOf(Entity e) {
    return "part " + (e.path == null || e.path.isEmpty() ? "(message)" : e.path);
  }

  private static boolean isEnclosedMessage(String type) {
    // RFC 2046 section 5.2.1 and RFC 6532 section 3.5; message/news is the old name of rfc822 news.
    return type.equals("message/rfc822") || type.equals("message/global")
        || type.equals("message/news");
  }

  private static byte[] boundaryBytes(String boundary) {
    for (int i = 0; i < boundary.length(); i++) {
      if (boundary.charAt(i) >= 0x80) {
        return boundary.getBytes(StandardCharsets.UTF_8);
      }
    }
    return boundary.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Reads Content-Type, Content-Transfer-Encoding and Content-Disposition of an entity. */
  private void interpret(Entity e) {
    String ct = null;
    String cte = null;
    String cd = null;
    for (Header h : e.headers) {
      String n = h.name();
      if (n.length() < 12 || !n.regionMatches(true, 0, "content-", 0, 8)) {
        continue;
      }
      if (ct == null && n.equalsIgnoreCase("content-type")) {
        ct = h.value();
      } else if (cte == null && n.equalsIgnoreCase("content-transfer-encoding")) {
        cte = h.value();
      } else if (cd == null && n.equalsIgnoreCase("content-disposition")) {
        cd = h.value();
      }
    }
    boolean digestChild =
        !e.top && e.parent != null && "multipart/digest".equals(e.parent.contentType);
    // RFC 2046 section 5.1.5: in a digest the default type is message/rfc822.
    e.contentType = digestChild ? "message/rfc822" : "text/plain";
    if (ct != null && !ct.isBlank()) {
      MediaType mt = mediaType(ct, false);
      if (mt != null && !mt.type().isEmpty() && !mt.subtype().isEmpty()) {
        e.mediaType = mt;
        e.contentType = mt.mimeType();
        String cs = mt.param("charset");
        if (cs != null && !cs.isBlank()) {
          e.charset = cs.trim().toLowerCase(Locale.ROOT);
        }
      } else {
        // RFC 2045 section 5.2: an unreadable Content-Type means text/plain; charset=us-ascii.
        problems.add("unreadable Content-Type '" + clip(ct) + "' taken as text/plain: "
            + where(e));
        e.contentType = "text/plain";
      }
    }
    if (cte != null) {
      String v = cte.trim().toLowerCase(Locale.ROOT);
      int semi = v.indexOf(';');
      if (semi >= 0) {
        v = v.substring(0, semi).trim();
      }
      int paren = v.indexOf('(');
      if (paren >= 0) {
        v = v.substring(0, paren).trim();
      }
      if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
        v = v.substring(1, v.length() - 1).trim();
      }
      e.transferEncoding = v.isEmpty() ? "7bit" : v;
    }
    String name = null;
    if (cd != null && !cd.isBlank()) {
      MediaType d = mediaType(cd, true);
      if (d != null && !d.type().isEmpty()) {
        e.disposition = d.type().toLowerCase(Locale.ROOT);
        name = d.param("filename");
      }
    }
    if ((name == null || name.isBlank()) && e.mediaType != null) {
      name = e.mediaType.param("name");
    }
    if (name != null && !name.isBlank()) {
      if (name.contains("=?")) {
        name = EncodedWords.decode(name, problems);
      }
      e.filename = name.trim();
    }
  }

  private MediaType mediaType(String value, boolean disposition) {
    try {
      return disposition
          ? MediaType.parseDisposition(value, problems)
          : MediaType.parse(value, problems);
    } catch (RuntimeException bug) {
      problems.add("field parser failure (" + bug + "): " + clip(value));
      return null;
    }
  }

  private static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }

  // ---- structure ----

  private void startPart() {
    Entity parent = containers.peek();
    if (parent == null || parent.kind != Kind.MULTIPART) {
      throw new IllegalStateException("a part outside a multipart");
    }
    int i = ++parent.childCount;
    String number = parent.path.isEmpty() ? Integer.toString(i) : parent.path + "." + i;
    current = newEntity(parent, parent.depth + 1, number, false);
  }

  private void endMultipart() {
    Entity m = containers.pop();
    if (m.kind != Kind.MULTIPART) {
      throw new IllegalStateException("multipart end for a " + m.kind);
    }
    if (tokenizer.wasUnclosed()) {
      problems.add("missing closing boundary: " + pathOf(m));
    }
    finish(m);
  }

  private void endLeaf(Entity e) {
    if (!e.discarded) {
      decode(e, tokenizer.buffer(), tokenizer.bodyStart(), tokenizer.bodyEnd());
      if (e.encodedMessage && e.sha256 != null) {
        problems.add("encoded enclosed message of " + e.size + " bytes, more than the " + config.maxBodyBytes()
            + " kept, read as one part: " + pathOf(e));
      } else if (e.encodedMessage) {
        // Parse the decoded bytes with a tokenizer of their own, then resume this one.
        e.kind = Kind.MESSAGE;
        containers.push(e);
        tokenizers.push(tokenizer);
        tokenizer = new MimeTokenizer(e.body, config.maxDepth(), problems);
        current = newEntity(e, e.depth + 1, e.path, true);
        e.body = EMPTY;
        e.size = 0;
        return;
      }
    }
    finish(e);
  }

  /** Turns a finished entity into its Part and hands it to its parent, ending enclosing messages. */
  private void finish(Entity e) {
    while (true) {
      Part p = toPart(e);
      Entity parent = e.parent;
      if (parent == null) {
        root = p;
        return;
      }
      if (!e.discarded) {
        parent.children.add(p);
      }
      if (parent.kind != Kind.MESSAGE) {
        return;
      }
      // An enclosed message ends with its top entity.
      if (containers.peek() == parent) {
        containers.pop();
      }
      e = parent;
    }
  }

  private Part toPart(Entity e) {
    boolean leaf = e.kind == Kind.LEAF || e.children.isEmpty();
    String path = e.path != null ? e.path : e.number != null ? e.number : "1";
    byte[] body = leaf ? e.body : EMPTY;
    long size = leaf ? Math.max(e.size, body.length) : 0;
    return new Part(path, e.headers, e.contentType, e.charset, e.transferEncoding, e.disposition,
        e.filename, e.children, body, size, leaf ? e.sha256 : null);
  }

  // ---- bodies ----

  /**
   * Decodes a leaf's body into the entity: the bytes kept (within the part's and the message's
   * limits), the decoded size, and the hash of a body too large to keep whole.
   */
  private void decode(Entity e, byte[] buf, int start, int end) {
    if (end <= start) {
      return;
    }
    TransferDecoding.Encoding encoding = TransferDecoding.Encoding.of(e.transferEncoding);
    if (encoding == TransferDecoding.Encoding.UNKNOWN) {
      problems.add("unknown transfer encoding '" + clip(e.transferEncoding)
          + "', body kept undecoded: " + pathOf(e));
    }
    int keep = (int) Math.min(config.maxBodyBytes(), keepLeft);
    BodyDecoder.Decoded d = BodyDecoder.decode(encoding, buf, start, end, keep);
    e.body = d.kept();
    e.size = d.size();
    e.sha256 = d.sha256();
    keepLeft -= d.kept().length;
    if (d.size() > d.kept().length) {
      problems.add("body of " + d.size() + " bytes, first " + d.kept().length + " kept for its text ("
          + (keep < config.maxBodyBytes() ? "the message's " + config.maxKeptBytes() + " bytes are used up"
              : "limit " + config.maxBodyBytes() + " per part") + "), measured and hashed whole: " + pathOf(e));
    }
    if (d.invalid() > 0) {
      problems.add("base64 body with " + d.invalid() + " bytes outside the alphabet, skipped: " + pathOf(e));
    }
    if (d.dangling()) {
      problems.add("base64 body with a dangling character, dropped: " + pathOf(e));
    }
    if (d.malformed() > 0) {
      problems.add("quoted-printable body with " + d.malformed() + " malformed escapes, kept as written: " + pathOf(e));
    }
  }

  // ---- the message ----

  private static final String[] INTERPRETED = {
    "subject", "date", "from", "sender", "reply-to", "to", "cc", "bcc", "message-id",
    "in-reply-to", "references"
  };

  /** The lower-case name when it is a field {@link #message()} interprets, else "". */
  private static String fieldKey(String name) {
    int n = name.length();
    if (n < 2 || n > 11) {
      return "";
    }
    for (String k : INTERPRETED) {
      if (k.length() == n && k.equalsIgnoreCase(name)) {
        return k;
      }
    }
    return "";
  }

  private Message message() {
    List<Header> headers = root.headers();
    String subject = null;
    OffsetDateTime date = null;
    boolean sawDate = false;
    List<Address> from = new ArrayList<>(1);
    List<Address> sender = new ArrayList<>(0);
    List<Address> replyTo = new ArrayList<>(0);
    List<Address> to = new ArrayList<>(2);
    List<Address> cc = new ArrayList<>(0);
    List<Address> bcc = new ArrayList<>(0);
    String messageId = null;
    String inReplyTo = null;
    boolean sawInReplyTo = false;
    List<String> references = new ArrayList<>(0);
    for (Header h : headers) {
      String v = h.value();
      try {
        switch (fieldKey(h.name())) {
          case "subject" -> {
            if (subject == null) {
              subject = Unstructured.decode(v, problems);
            }
          }
          case "date" -> {
            if (!sawDate) {
              sawDate = true;
              date = DateParser.parse(v);
              if (date == null) {
                problems.add("unreadable date '" + clip(v) + "': Date");
              }
            }
          }
          case "from" -> from.addAll(AddressParser.parse(v, problems));
          case "sender" -> sender.addAll(AddressParser.parse(v, problems));
          case "reply-to" -> replyTo.addAll(AddressParser.parse(v, problems));
          case "to" -> to.addAll(AddressParser.parse(v, problems));
          case "cc" -> cc.addAll(AddressParser.parse(v, problems));
          case "bcc" -> bcc.addAll(AddressParser.parse(v, problems));
          case "message-id" -> {
            if (messageId == null) {
              List<String> ids = MessageIds.parse(v);
              messageId = ids.isEmpty() ? null : ids.get(0);
            }
          }
          case "in-reply-to" -> {
            if (!sawInReplyTo) {
              sawInReplyTo = true;
              List<String> ids = MessageIds.parse(v);
              inReplyTo = ids.isEmpty() ? null : ids.get(0);
            }
          }
          case "references" -> references.addAll(MessageIds.parse(v));
          default -> {}
        }
      } catch (RuntimeException bug) {
        problems.add("field parser failure (" + bug + "): " + h.name());
      }
    }
    String text = BodyText.of(root);
    if (text.length() > config.maxTextChars()) {
      problems.add("text of " + text.length() + " characters cut to " + config.maxTextChars() + ": message text");
      text = text.substring(0, config.maxTextChars());
    }
    return new Message(raw.source(), raw.index(), raw.envelope(), headers, subject, date, from,
        sender, replyTo, to, cc, bcc, messageId, inReplyTo, references, root, text, problems);
  }
}
