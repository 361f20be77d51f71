package dev.mailtrace.samples;

import java.util.SplittableRandom;

/** Body text: invented sentences wrapped at 72 columns, in English with some other languages. */
final class Prose {
  /** Which sentences a body is made of. */
  enum Language {
    ENGLISH,
    LATIN,
    JAPANESE,
    UNICODE
  }

  private Prose() {}

  /** About {@code target} characters of paragraphs, each line ending in LF. */
  static String paragraphs(SplittableRandom r, int target, Language lang) {
    StringBuilder sb = new StringBuilder(target + 200);
    while (sb.length() < target) {
      int sentences = 2 + r.nextInt(5);
      StringBuilder para = new StringBuilder(600);
      for (int s = 0; s < sentences; s++) {
        if (para.length() > 0) {
          para.append(' ');
        }
        para.append(sentence(r, lang));
      }
      wrap(para, sb);
      sb.append('\n');
      // mbox quoting matters for body lines that start with "From " (RFC 4155 section 2).
      int roll = r.nextInt(100);
      if (roll < 3) {
        sb.append("From the notes of ").append(Vocabulary.pick(r, Vocabulary.TOPICS))
            .append(" we agreed to continue.\n\n");
      } else if (roll < 4) {
        sb.append(">From an earlier message, quoted by hand.\n\n");
      }
    }
    return sb.toString();
  }

  static String sentence(SplittableRandom r, Prose.Language lang) {
    switch (lang) {
      case LATIN -> {
        if (r.nextInt(3) > 0) {
          return Vocabulary.pick(r, Vocabulary.LATIN_SENTENCES);
        }
      }
      case JAPANESE -> {
        return Vocabulary.pick(r, Vocabulary.JAPANESE_SENTENCES);
      }
      case UNICODE -> {
        if (r.nextInt(3) == 0) {
          return Vocabulary.pick(r, Vocabulary.UNICODE_SUBJECTS) + ".";
        }
      }
      default -> {}
    }
    int words = 6 + r.nextInt(13);
    StringBuilder sb = new StringBuilder(words * 7);
    for (int i = 0; i < words; i++) {
      String w = Vocabulary.pick(r, Vocabulary.WORDS);
      if (i == 0) {
        sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
      } else {
        sb.append(' ').append(w);
        if (i < words - 2 && r.nextInt(12) == 0) {
          sb.append(',');
        }
      }
    }
    return sb.append(r.nextInt(8) == 0 ? '?' : '.').toString();
  }

  /** Greedy wrap at 72 characters; words longer than a line stay whole. */
  private static void wrap(CharSequence text, StringBuilder out) {
    int lineStart = out.length();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int j = i;
      while (j < n && text.charAt(j) != ' ') {
        j++;
      }
      int wordLen = j - i;
      int col = out.length() - lineStart;
      if (col > 0 && col + 1 + wordLen > 72) {
        out.append('\n');
        lineStart = out.length();
      } else if (col > 0) {
        out.append(' ');
      }
      out.append(text, i, j);
      i = j + 1;
    }
    out.append('\n');
  }

  /** The paragraphs as a minimal HTML document. */
  static String html(String text, String title) {
    StringBuilder sb = new StringBuilder(text.length() * 3 / 2 + 300);
    sb.append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
    escape(title, sb);
    sb.append("</title>\n<style>body { font-family: Arial, sans-serif; font-size: 14px; }"
        + " p { margin: 0 0 1em 0; }</style>\n</head>\n<body>\n<div class=\"message\">\n<p>");
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) {
        nl = text.length();
      }
      if (nl == start) {
        sb.append("</p>\n<p>");
      } else {
        escape(text.substring(start, nl), sb);
        sb.append("<br>\n");
      }
      start = nl + 1;
    }
    sb.append("</p>\n</div>\n</body>\n</html>\n");
    return sb.toString();
  }

  private static void escape(String s, StringBuilder sb) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c);
      }
    }
  }
}
