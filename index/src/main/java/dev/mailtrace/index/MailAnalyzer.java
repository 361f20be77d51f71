package dev.mailtrace.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * The analyser of every text field: words split on Unicode letter and digit runs with the main
 * UAX #29 joining rules, lower case, ASCII folding, no stop words, so text in any language is
 * searchable and "Müller" matches "muller". Scripts without spaces (Chinese, Japanese, Thai) are
 * indexed per character. See {@link MailTokenizer} for the rules.
 */
public final class MailAnalyzer extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    MailTokenizer tokenizer = new MailTokenizer();
    return new TokenStreamComponents(tokenizer);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ASCIIFoldingFilter(new LowerCaseFilter(in));
  }
}
