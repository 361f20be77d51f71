package dev.mailtrace.search;

import dev.mailtrace.index.MailAnalyzer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * The query language: parses a query string into a Lucene query with a small recursive-descent
 * parser, reporting the column of the first error.
 *
 * <pre>
 * query   := or EOF
 * or      := and (OR and)*
 * and     := unary ([AND] unary)*            juxtaposition means AND
 * unary   := (NOT | '-') unary | primary
 * primary := '(' or ')' | field ':' '(' or ')' | field ':' value | value | lucene:( raw Lucene syntax )
 * value   := word | '"' phrase '"'          words may hold * and ? wildcards
 * </pre>
 *
 * AND, OR and NOT may be written in upper or lower case. A bare word searches subject, body and
 * addresses; fields are listed in {@link FieldQueries}. Inside {@code field:(...)} the field applies
 * to every bare word.
 */
public final class MailQuery {
  private final FieldQueries fields;

  /** A parser whose relative dates ({@code today}, {@code 7d}) use the system clock. */
  public MailQuery() {
    this(Clock.systemUTC());
  }

  /** A parser whose relative dates use the given clock. */
  public MailQuery(Clock clock) {
    this.fields = new FieldQueries(new DateRanges(clock));
  }

  /**
   * Parses a query.
   *
   * @throws BadQueryException with the column where the query stops making sense
   */
  public Query parse(String query) {
    Parser p = new Parser(query, tokenize(query));
    Query q = p.or(null);
    Token t = p.peek();
    if (t.type != Type.EOF) {
      throw new BadQueryException(t.column, t.type == Type.RPAREN ? "unexpected ')' without a matching '('" : "unexpected '" + t.text + "'");
    }
    return q;
  }

  /** Parses raw Lucene classic query syntax, for experts; bare words search the body. */
  public static Query parseLucene(String query) {
    try {
      QueryParser qp =
          new QueryParser(dev.mailtrace.index.MessageFields.BODY, new MailAnalyzer()) {
            @Override
            protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
              if (quoted && field != null && field.startsWith(dev.mailtrace.index.MessageFields.HEADER_PREFIX)) {
                // Header values are indexed without positions: a phrase is all of its words.
                return createBooleanQuery(field, text, org.apache.lucene.search.BooleanClause.Occur.MUST);
              }
              return super.getFieldQuery(field, text, quoted);
            }
          };
      qp.setAllowLeadingWildcard(true);
      return qp.parse(query);
    } catch (ParseException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      int column = 1;
      if (e.currentToken != null && e.currentToken.next != null) {
        column = Math.max(1, e.currentToken.next.beginColumn);
      }
      throw new BadQueryException(column, "Lucene syntax: " + msg);
    }
  }

  enum Type {
    WORD,
    PHRASE,
    FIELD_VALUE,
    FIELD_OPEN,
    LUCENE,
    LPAREN,
    RPAREN,
    AND,
    OR,
    NOT,
    EOF
  }

  /**
   * A token; for FIELD_VALUE {@code field} and {@code text} (the value, perhaps a phrase) are set;
   * for FIELD_OPEN (field:( ...) only {@code field}.
   */
  record Token(Type type, String text, String field, boolean phrase, int column, int valueColumn) {}

  static List<Token> tokenize(String q) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = q.length();
    while (i < n) {
      char c = q.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int col = i + 1;
      if (c == '(') {
        out.add(new Token(Type.LPAREN, "(", null, false, col, col));
        i++;
        continue;
      }
      if (c == ')') {
        out.add(new Token(Type.RPAREN, ")", null, false, col, col));
        i++;
        continue;
      }
      if (c == '"') {
        int end = closingQuote(q, i);
        out.add(new Token(Type.PHRASE, unescape(q.substring(i + 1, end)), null, true, col, col + 1));
        i = end + 1;
        continue;
      }
      if (c == '-' && i + 1 < n && !Character.isWhitespace(q.charAt(i + 1)) && q.charAt(i + 1) != ')') {
        out.add(new Token(Type.NOT, "-", null, false, col, col));
        i++;
        continue;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(q.charAt(i)) && q.charAt(i) != '(' && q.charAt(i) != ')' && q.charAt(i) != '"') {
        if (q.charAt(i) == ':' && i > start) {
          break;
        }
        i++;
      }
      if (i < n && q.charAt(i) == ':' && i > start) {
        String field = q.substring(start, i);
        i++;
        int valueStart = i;
        if (field.equalsIgnoreCase("lucene") && i < n && q.charAt(i) == '(') {
          int end = closingParen(q, i);
          out.add(new Token(Type.LUCENE, q.substring(i + 1, end), field, false, col, i + 2));
          i = end + 1;
        } else if (i < n && q.charAt(i) == '(') {
          out.add(new Token(Type.FIELD_OPEN, field, field, false, col, i + 1));
        } else if (i < n && q.charAt(i) == '"') {
          int end = closingQuote(q, i);
          out.add(new Token(Type.FIELD_VALUE, unescape(q.substring(i + 1, end)), field, true, col, i + 2));
          i = end + 1;
        } else {
          while (i < n && !Character.isWhitespace(q.charAt(i)) && q.charAt(i) != ')' && q.charAt(i) != '"') {
            if (q.charAt(i) == '(') {
              break;
            }
            i++;
          }
          out.add(new Token(Type.FIELD_VALUE, q.substring(valueStart, i), field, false, col, valueStart + 1));
        }
        continue;
      }
      String word = q.substring(start, i);
      Type type =
          switch (word) {
            case "AND", "and", "&&" -> Type.AND;
            case "OR", "or", "||" -> Type.OR;
            case "NOT", "not" -> Type.NOT;
            default -> Type.WORD;
          };
      out.add(new Token(type, word, null, false, col, col));
    }
    out.add(new Token(Type.EOF, "", null, false, n + 1, n + 1));
    return out;
  }

  private static int closingQuote(String q, int open) {
    for (int j = open + 1; j < q.length(); j++) {
      char c = q.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '"') {
        return j;
      }
    }
    throw new BadQueryException(q.length() + 1, "expected '\"' to close the phrase opened at column " + (open + 1));
  }

  private static int closingParen(String q, int open) {
    int depth = 0;
    boolean quoted = false;
    for (int j = open; j < q.length(); j++) {
      char c = q.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && --depth == 0) {
        return j;
      }
    }
    throw new BadQueryException(q.length() + 1, "expected ')' to close 'lucene:(' opened at column " + (open + 1));
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        c = s.charAt(++i);
      }
      b.append(c);
    }
    return b.toString();
  }

  /** A parsed operand: a query, perhaps negated (it then needs a positive partner to mean anything). */
  private record Operand(Query query, boolean negated) {
    Query positive() {
      if (!negated) {
        return query;
      }
      return new BooleanQuery.Builder()
          .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
          .add(query, BooleanClause.Occur.MUST_NOT)
          .build();
    }
  }

  private final class Parser {
    private final String text;
    private final List<Token> tokens;
    private int pos;

    Parser(String text, List<Token> tokens) {
      this.text = text;
      this.tokens = tokens;
    }

    Token peek() {
      return tokens.get(pos);
    }

    Token next() {
      return tokens.get(pos++);
    }

    /** or := and (OR and)* ; {@code field} is the field a surrounding field:( ... ) gives bare words. */
    Query or(String field) {
      List<Operand> alternatives = new ArrayList<>();
      alternatives.add(and(field));
      while (peek().type == Type.OR) {
        Token or = next();
        if (peek().type == Type.EOF || peek().type == Type.RPAREN || peek().type == Type.OR) {
          throw new BadQueryException(peek().column, "expected a term after '" + or.text + "' at column " + or.column);
        }
        alternatives.add(and(field));
      }
      if (alternatives.size() == 1) {
        Operand only = alternatives.get(0);
        return only.positive();
      }
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (Operand o : alternatives) {
        b.add(o.positive(), BooleanClause.Occur.SHOULD);
      }
      return b.build();
    }

    private Operand and(String field) {
      List<Operand> parts = new ArrayList<>();
      while (true) {
        Token t = peek();
        if (t.type == Type.EOF || t.type == Type.RPAREN || t.type == Type.OR) {
          break;
        }
        if (t.type == Type.AND) {
          next();
          Token after = peek();
          if (parts.isEmpty() || after.type == Type.EOF || after.type == Type.RPAREN || after.type == Type.OR || after.type == Type.AND) {
            throw new BadQueryException(parts.isEmpty() ? t.column : after.column, parts.isEmpty() ? "expected a term before '" + t.text + "'" : "expected a term after '" + t.text + "' at column " + t.column);
          }
          continue;
        }
        parts.add(unary(field));
      }
      if (parts.isEmpty()) {
        Token t = peek();
        throw new BadQueryException(t.column, t.type == Type.EOF ? "expected a search term" : "expected a search term before '" + t.text + "'");
      }
      if (parts.size() == 1) {
        return parts.get(0);
      }
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      boolean anyPositive = false;
      for (Operand o : parts) {
        b.add(o.query, o.negated ? BooleanClause.Occur.MUST_NOT : BooleanClause.Occur.MUST);
        anyPositive |= !o.negated;
      }
      if (!anyPositive) {
        b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
      }
      return new Operand(b.build(), false);
    }

    private Operand unary(String field) {
      Token t = peek();
      if (t.type == Type.NOT) {
        next();
        Token after = peek();
        if (after.type == Type.EOF || after.type == Type.RPAREN || after.type == Type.OR || after.type == Type.AND) {
          throw new BadQueryException(after.column, "expected a term after '" + t.text + "' at column " + t.column);
        }
        Operand inner = unary(field);
        return new Operand(inner.query, !inner.negated);
      }
      return new Operand(primary(field), false);
    }

    private Query primary(String field) {
      Token t = next();
      switch (t.type) {
        case LPAREN -> {
          Query inner = or(field);
          expectClose(t);
          return inner;
        }
        case FIELD_OPEN -> {
          next(); // the '('
          String name = fields.checkField(t.field, t.column);
          Query inner = or(name);
          expectClose(t);
          return inner;
        }
        case FIELD_VALUE -> {
          return fields.query(t.field, t.text, t.phrase, t.column, t.valueColumn);
        }
        case LUCENE -> {
          try {
            return parseLucene(t.text);
          } catch (BadQueryException e) {
            throw new BadQueryException(t.valueColumn + e.column() - 1, e.reason());
          }
        }
        case WORD, PHRASE -> {
          return field == null
              ? fields.bare(t.text, t.phrase, t.valueColumn)
              : fields.query(field, t.text, t.phrase, t.column, t.valueColumn);
        }
        default -> throw new BadQueryException(t.column, "expected a search term but found '" + t.text + "'");
      }
    }

    private void expectClose(Token open) {
      Token t = peek();
      if (t.type != Type.RPAREN) {
        throw new BadQueryException(t.column, "expected ')' to close '(' at column " + (open.type == Type.FIELD_OPEN ? open.valueColumn : open.column) + (t.type == Type.EOF ? "" : " but found '" + t.text + "'"));
      }
      next();
    }
  }

  /** Lower-cases a field name as written. */
  static String fieldName(String written) {
    return written.toLowerCase(Locale.ROOT);
  }
}
