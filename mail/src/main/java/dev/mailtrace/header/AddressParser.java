package dev.mailtrace.header;

import dev.mailtrace.message.Address;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 5322 section 3.4 address lists, with groups, comments, obsolete forms and RFC 2047 names.
 *
 * <p>Reads what real mail writes and never throws: group members are flattened into the list and an
 * empty group gives nothing; comments are skipped, but serve as the name when there is no display
 * name ({@code addr (Name)}) and are kept after it in parentheses otherwise ({@code John (my dear
 * friend)}), decoded like the name; quoted names lose their quotes and escapes; encoded words are
 * decoded anywhere in the name, even inside quotes; the obsolete route of section 4.4 ({@code
 * <@relay:user@host>}) is dropped, as is whitespace and comments inside an addr-spec ({@code john .
 * doe @ example . com} is {@code john.doe@example.com}); a missing {@code <>} is tolerated ({@code
 * John Doe john@example.com}), and so are missing commas between addr-specs ({@code a@x b@y}) or
 * angle addresses ({@code A <a@x> B <b@x>}); an unbalanced quote, comment or bracket is recorded as
 * a problem and read past. Raw UTF-8 (RFC 6532) passes through. A list item without any {@code @}
 * gives its text as the address ({@code NO (posting not allowed)}); an item that holds only a
 * comment, and a bare {@code <>}, give nothing; {@code MAILER-DAEMON <>} (a bounce's null sender)
 * gives the name with an empty address.
 */
public final class AddressParser {
  private AddressParser() {}

  /** Parses an address-list field value; what cannot be read is added to {@code problems}. */
  public static List<Address> parse(String value, List<String> problems) {
    if (value == null || value.isEmpty()) {
      return new ArrayList<>(0);
    }
    return new Reader(value, problems == null ? new ArrayList<>() : problems).read();
  }

  /** A word of a phrase: an atom or the content of a quoted string. */
  private record Word(String text, boolean quoted, boolean spaceBefore) {
    boolean hasAt() {
      return !quoted && text.indexOf('@') >= 0;
    }
  }

  /** The state machine over one field value; one element (mailbox) at a time. */
  private static final class Reader {
    private final String s;
    private final int n;
    private final List<String> problems;
    private final List<Address> out = new ArrayList<>();
    private int pos;
    private boolean inGroup;
    private boolean commentsUnbalanced; // after an unclosed '(' no later '(' is a comment
    private int problemCount;

    // The element being read.
    private final List<Word> words = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final List<Address> pendingSplit = new ArrayList<>(0);
    private String angle;
    private int angleIndex; // words before the angle address

    Reader(String s, List<String> problems) {
      this.s = s;
      this.n = s.length();
      this.problems = problems;
    }

    /** Records a problem; a few per field are enough to tell what went wrong. */
    private void problem(String what) {
      if (problemCount++ < 5) {
        problems.add(what);
      }
    }

    List<Address> read() {
      boolean space = true;
      while (pos < n) {
        char c = s.charAt(pos);
        switch (c) {
          case ' ', '\t', '\r', '\n' -> {
            pos++;
            space = true;
          }
          case '(' -> {
            String comment = commentsUnbalanced ? null : readComment();
            if (comment == null) {
              commentsUnbalanced = true;
              problem("unbalanced '(' in address list: at " + pos);
              pos++; // read past the lone '('
            } else if (!comment.isEmpty()) {
              comments.add(comment);
            }
            space = true;
          }
          case '"' -> {
            String quoted = readQuoted();
            if (quoted == null) {
              problem("unbalanced '\"' in address list: at " + pos);
              pos++;
              space = true;
            } else {
              words.add(new Word(quoted, true, space));
              space = false;
            }
          }
          case '<' -> {
            if (angle != null) {
              // "A <a@x> B <b@x>": a comma is missing; the words after the first address go on.
              List<Word> carry = new ArrayList<>(words.subList(angleIndex, words.size()));
              words.subList(angleIndex, words.size()).clear();
              finishElement();
              words.addAll(carry);
            }
            angleIndex = words.size();
            angle = readAngle();
            space = false;
          }
          case ',' -> {
            finishElement();
            pos++;
            space = true;
          }
          case ';' -> {
            finishElement();
            inGroup = false;
            pos++;
            space = true;
          }
          case ':' -> {
            pos++;
            if (!inGroup && angle == null && !anyWordHasAt()) {
              // RFC 5322 section 3.4: group = display-name ":" [group-list] ";"; the group
              // name is not an address, members are flattened.
              inGroup = true;
              words.clear();
              comments.clear();
              space = true;
            } else {
              words.add(new Word(":", false, space));
              space = false;
            }
          }
          case '>', ')', '\\' -> {
            problem("stray '" + c + "' in address list: at " + pos);
            pos++;
            space = true;
          }
          default -> {
            words.add(new Word(readAtom(), false, space));
            space = false;
          }
        }
      }
      finishElement();
      if (inGroup) {
        problem("group without ';' in address list: at end");
      }
      return out;
    }

    private boolean anyWordHasAt() {
      for (Word w : words) {
        if (w.hasAt()) {
          return true;
        }
      }
      return false;
    }

    /** An atom, or a whole encoded word (which may hold specials) followed by atom text. */
    private String readAtom() {
      int start = pos;
      while (pos < n) {
        char c = s.charAt(pos);
        if (c == '=' && pos + 1 < n && s.charAt(pos + 1) == '?') {
          int end = EncodedWords.scanWord(s, pos, n, new int[4]);
          if (end > 0) {
            pos = end;
            continue;
          }
        }
        if (c <= ' ' || isSpecial(c)) {
          break;
        }
        pos++;
      }
      if (pos == start) {
        pos++; // cannot happen for the callers' characters; keeps the loop moving
      }
      return s.substring(start, pos);
    }

    private static boolean isSpecial(char c) {
      return switch (c) {
        case '(', ')', '<', '>', ',', ';', ':', '"', '\\' -> true;
        default -> false;
      };
    }

    /**
     * The comment at {@code pos} (nested comments kept with their parentheses, quoted pairs
     * resolved, line breaks removed, whitespace collapsed), or null when it is not closed.
     */
    private String readComment() {
      StringBuilder b = new StringBuilder();
      int depth = 0;
      int j = pos;
      while (j < n) {
        char c = s.charAt(j++);
        if (c == '\\') {
          // A quoted pair broken by folding escapes the first character after the fold.
          while (j < n && (s.charAt(j) == '\r' || s.charAt(j) == '\n')) {
            j++;
            while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
              j++;
            }
          }
          if (j < n) {
            b.append(s.charAt(j++));
          }
        } else if (c == '(') {
          if (depth++ > 0) {
            b.append(c);
          }
        } else if (c == ')') {
          if (--depth == 0) {
            pos = j;
            return collapse(b);
          }
          b.append(c);
        } else if (c == '\r' || c == '\n') {
          // RFC 5322 section 2.2.3: unfolding removes the line break only.
        } else {
          b.append(c);
        }
      }
      return null;
    }

    /** The content of the quoted string at {@code pos}, or null when it is not closed. */
    private String readQuoted() {
      StringBuilder b = new StringBuilder();
      int j = pos + 1;
      while (j < n) {
        char c = s.charAt(j++);
        if (c == '"') {
          pos = j;
          return b.toString();
        } else if (c == '\\') {
          if (j < n) {
            b.append(s.charAt(j++));
          }
        } else if (c != '\r' && c != '\n') {
          b.append(c);
        }
      }
      return null;
    }

    /**
     * The addr-spec inside {@code <...>} without CFWS and without an obsolete route; comments
     * inside go to the element's comments. An unclosed bracket ends at ',' or '<'.
     */
    private String readAngle() {
      StringBuilder b = new StringBuilder();
      int j = pos + 1;
      boolean closed = false;
      while (j < n) {
        char c = s.charAt(j);
        if (c == '>') {
          j++;
          closed = true;
          break;
        }
        if (c == '<' || (c == ',' && (b.length() == 0 || b.charAt(0) != '@'))) {
          break;
        }
        if (c == '(' && !commentsUnbalanced) {
          pos = j;
          String comment = readComment();
          if (comment != null) {
            if (!comment.isEmpty()) {
              comments.add(comment);
            }
            j = pos;
            continue;
          }
          commentsUnbalanced = true;
        } else if (c == '"') {
          int q = j + 1;
          while (q < n && s.charAt(q) != '"') {
            q += s.charAt(q) == '\\' ? 2 : 1;
          }
          if (q < n) {
            b.append(s, j, q + 1);
            j = q + 1;
            continue;
          }
        }
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
          b.append(c);
        } else if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
          b.append(' ');
        }
        j++;
      }
      if (!closed) {
        problem("unbalanced '<' in address list: at " + pos);
      }
      pos = j;
      // CFWS inside an addr-spec is not part of it (RFC 5322 section 3.4.1, obs-local-part and
      // obs-domain); text without '@' ("<Undisclosed Recipients>") keeps single spaces.
      boolean addrSpec = b.indexOf("@") >= 0;
      StringBuilder kept = new StringBuilder(b.length());
      boolean quoted = false;
      for (int k = 0; k < b.length(); k++) {
        char c = b.charAt(k);
        if (c == '\\' && k + 1 < b.length()) {
          kept.append(c).append(b.charAt(++k));
          continue;
        }
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ' ' && !quoted && (addrSpec || k == 0 || k == b.length() - 1)) {
          continue;
        }
        kept.append(c);
      }
      b = kept;
      // RFC 5322 section 4.4: obs-route ("@relay1,@relay2:") is ignored.
      if (b.length() > 0 && b.charAt(0) == '@') {
        int colon = b.indexOf(":");
        if (colon > 0) {
          b.delete(0, colon + 1);
        }
      }
      return b.toString();
    }

    private void finishElement() {
      if (words.isEmpty() && angle == null) {
        comments.clear(); // a comment alone is not a mailbox
        return;
      }
      String address;
      List<Word> nameWords;
      if (angle != null) {
        address = angle;
        nameWords = new ArrayList<>(words.subList(0, angleIndex));
        if (nameWords.isEmpty()) {
          nameWords.addAll(words.subList(angleIndex, words.size()));
        }
      } else {
        int k = nextAt(0);
        if (k < 0) {
          address = join(words, 0, words.size());
          nameWords = List.of();
        } else {
          int a = spanStart(k);
          int b = spanEnd(k);
          address = addrSpec(a, b);
          nameWords = new ArrayList<>(words.subList(0, a));
          int from = b;
          int next = nextAt(from);
          if (next < 0 && nameWords.isEmpty()) {
            nameWords.addAll(words.subList(b, words.size())); // "a@x (John)" or "a@x John"
          }
          // "a@x b@y", "John a@x Mary b@y": commas are missing; each addr-spec is a mailbox
          // named by the words before it (or after it, for the last one).
          while (next >= 0) {
            int a2 = Math.max(spanStart(next), from);
            int b2 = spanEnd(next);
            int after = nextAt(b2);
            List<Word> named =
                a2 == from && after < 0 ? words.subList(b2, words.size()) : words.subList(from, a2);
            pendingSplit.add(new Address(name(named, false), addrSpec(a2, b2)));
            from = b2;
            next = after;
          }
        }
      }
      String name = name(nameWords, true);
      if (!address.isEmpty()) {
        out.add(new Address(name, address));
      } else if (name != null) {
        // "MAILER-DAEMON <>": the null reverse-path of a bounce, worth keeping for its name.
        out.add(new Address(name, ""));
      }
      out.addAll(pendingSplit);
      pendingSplit.clear();
      words.clear();
      comments.clear();
      angle = null;
      angleIndex = 0;
    }

    /** The index of the first word from {@code from} holding an unquoted '@', or -1. */
    private int nextAt(int from) {
      for (int i = from; i < words.size(); i++) {
        if (words.get(i).hasAt()) {
          return i;
        }
      }
      return -1;
    }

    /** The first word of the addr-spec around word {@code k}. */
    private int spanStart(int k) {
      int a = k;
      while (a > 0 && joinsAddress(words.get(a - 1), words.get(a))) {
        a--;
      }
      return a;
    }

    /** The end (exclusive) of the addr-spec around word {@code k}. */
    private int spanEnd(int k) {
      int b = k + 1;
      while (b < words.size() && joinsAddress(words.get(b - 1), words.get(b))) {
        b++;
      }
      return b;
    }

    /** Words {@code [a, b)} as one addr-spec; quoted local parts keep their quotes. */
    private String addrSpec(int a, int b) {
      StringBuilder addr = new StringBuilder();
      for (int i = a; i < b; i++) {
        Word w = words.get(i);
        if (w.quoted()) {
          addr.append('"').append(w.text().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else {
          addr.append(w.text());
        }
      }
      return addr.toString();
    }

    /** Whether {@code next} continues the addr-spec that {@code prev} belongs to (obs CFWS). */
    private static boolean joinsAddress(Word prev, Word next) {
      if (!next.spaceBefore()) {
        return true;
      }
      String p = prev.text();
      String q = next.text();
      return !prev.quoted() && (p.endsWith(".") || p.endsWith("@"))
          || !next.quoted() && (q.startsWith(".") || q.startsWith("@"));
    }

    private static String join(List<Word> list, int from, int to) {
      StringBuilder b = new StringBuilder();
      for (int i = from; i < to; i++) {
        Word w = list.get(i);
        if (b.length() > 0 && w.spaceBefore()) {
          b.append(' ');
        }
        b.append(w.text());
      }
      return b.toString();
    }

    /** The display name from phrase words and comments; null when there is neither. */
    private String name(List<Word> nameWords, boolean withComments) {
      String phrase = EncodedWords.decode(join(nameWords, 0, nameWords.size()), problems);
      String comment = null;
      if (withComments && !comments.isEmpty()) {
        comment = EncodedWords.decode(String.join(" ", comments), problems);
      }
      if (phrase.isEmpty()) {
        return comment;
      }
      return comment == null ? phrase : phrase + " (" + comment + ")";
    }

    /** Collapses whitespace runs to one space and trims. */
    private static String collapse(StringBuilder b) {
      StringBuilder r = new StringBuilder(b.length());
      boolean space = false;
      for (int i = 0; i < b.length(); i++) {
        char c = b.charAt(i);
        if (c == ' ' || c == '\t') {
          space = r.length() > 0;
        } else {
          if (space) {
            r.append(' ');
            space = false;
          }
          r.append(c);
        }
      }
      return r.toString();
    }
  }
}
