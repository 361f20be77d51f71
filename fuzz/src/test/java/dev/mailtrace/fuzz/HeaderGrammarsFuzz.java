package dev.mailtrace.fuzz;

import dev.mailtrace.header.AddressParser;
import dev.mailtrace.header.DateParser;
import dev.mailtrace.header.EncodedWords;
import dev.mailtrace.header.MediaType;
import dev.mailtrace.header.MessageIds;
import dev.mailtrace.header.Unstructured;
import java.util.ArrayList;
import java.util.List;

/**
 * The header field grammars, one target each (Jazzer fuzzes one class at a time): addresses,
 * dates, Content-Type and Content-Disposition, encoded words, message ids, unstructured text.
 */
public final class HeaderGrammarsFuzz {
  private HeaderGrammarsFuzz() {}

  /** Address lists (RFC 5322 section 3.4). */
  public static final class Addresses {
    private Addresses() {}

    /** Jazzer's entry point. */
    public static void fuzzerTestOneInput(byte[] data) {
      List<String> problems = new ArrayList<>();
      Invariants.check(AddressParser.parse(Invariants.text(data), problems) != null, "no list");
      Invariants.oneLineEach(problems);
    }
  }

  /** Dates (RFC 5322 section 3.3 and the obsolete and broken forms met in mail). */
  public static final class Dates {
    private Dates() {}

    /** Jazzer's entry point. */
    public static void fuzzerTestOneInput(byte[] data) {
      DateParser.parse(Invariants.text(data));
    }
  }

  /** Content-Type and Content-Disposition with RFC 2231 parameters. */
  public static final class MediaTypes {
    private MediaTypes() {}

    /** Jazzer's entry point. */
    public static void fuzzerTestOneInput(byte[] data) {
      List<String> problems = new ArrayList<>();
      MediaType.parse(Invariants.text(data), problems);
      MediaType.parseDisposition(Invariants.text(data), problems);
      Invariants.oneLineEach(problems);
    }
  }

  /** RFC 2047 encoded words. */
  public static final class Words {
    private Words() {}

    /** Jazzer's entry point. */
    public static void fuzzerTestOneInput(byte[] data) {
      List<String> problems = new ArrayList<>();
      String s = Invariants.text(data);
      String decoded = EncodedWords.decode(s, problems);
      Invariants.check(decoded != null, "no text");
      Invariants.oneLineEach(problems);
    }
  }

  /** Message-ID, In-Reply-To and References. */
  public static final class Ids {
    private Ids() {}

    /** Jazzer's entry point. */
    public static void fuzzerTestOneInput(byte[] data) {
      Invariants.check(MessageIds.parse(Invariants.text(data)) != null, "no list");
    }
  }

  /** Unstructured fields (Subject) and comma lists. */
  public static final class Text {
    private Text() {}

    /** Jazzer's entry point. */
    public static void fuzzerTestOneInput(byte[] data) {
      List<String> problems = new ArrayList<>();
      Unstructured.decode(Invariants.text(data), problems);
      Unstructured.decodeList(Invariants.text(data), problems);
      Invariants.oneLineEach(problems);
    }
  }
}
