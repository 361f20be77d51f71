package dev.mailtrace.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyser of every text field: Unicode word breaks (UAX #29), lower case, ASCII folding, no
 * stop words, so text in any language is searchable and "Müller" matches "muller".
 */
public final class MailAnalyzer extends Analyzer {
  /** Tokens longer than this are split by the tokenizer, which keeps base64 junk cheap. */
  private static final int MAX_TOKEN_LENGTH = 128;

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer tokenizer = new StandardTokenizer();
    tokenizer.setMaxTokenLength(MAX_TOKEN_LENGTH);
    TokenStream stream = new LowerCaseFilter(tokenizer);
    stream = new ASCIIFoldingFilter(stream);
    return new TokenStreamComponents(tokenizer, stream);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ASCIIFoldingFilter(new LowerCaseFilter(in));
  }
}
