package dev.mailtrace.index;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttributeImpl;
import org.apache.lucene.util.AttributeFactory;
import org.apache.lucene.util.AttributeImpl;
import org.apache.lucene.util.BytesRef;

/**
 * The term attribute of {@link MailTokenizer}: besides the characters it can hold the term's UTF-8
 * bytes, written by the tokenizer as it copies an ASCII word. Indexing asks every term for its
 * bytes, and most words in mail are ASCII: they need not be converted from characters again.
 *
 * <p>The bytes are valid only from {@link #setAscii} until the next {@link #clear}: the tokenizer
 * is the only writer of this attribute (no filter follows it), and a length that no longer matches
 * falls back to converting the characters.
 */
final class MailTermAttribute extends CharTermAttributeImpl {
  /** Creates this attribute for the term and Lucene's packed attribute for the rest. */
  static final AttributeFactory FACTORY =
      new AttributeFactory.StaticImplementationAttributeFactory<MailTermAttribute>(
          TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, MailTermAttribute.class) {
        @Override
        protected MailTermAttribute createInstance() {
          return new MailTermAttribute();
        }
      };

  private byte[] ascii = new byte[MailTokenizer.MAX_TOKEN + 4];
  /** Length of the valid bytes in {@link #ascii}, or -1 when the characters must be converted. */
  private int asciiLength = -1;
  private BytesRef ref = new BytesRef();

  /** The buffer the tokenizer writes a word's bytes into beside its characters. */
  byte[] asciiBuffer() {
    return ascii;
  }

  /** Declares the first {@code length} bytes of {@link #asciiBuffer()} to be the term. */
  void setAscii(int length) {
    asciiLength = length;
  }

  @Override
  public BytesRef getBytesRef() {
    if (asciiLength >= 0 && asciiLength == length()) {
      ref.bytes = ascii;
      ref.offset = 0;
      ref.length = asciiLength;
      return ref;
    }
    return super.getBytesRef();
  }

  @Override
  public void clear() {
    super.clear();
    asciiLength = -1;
  }

  @Override
  public MailTermAttribute clone() {
    MailTermAttribute copy = (MailTermAttribute) super.clone();
    copy.ascii = ascii.clone();
    copy.ref = new BytesRef();
    return copy;
  }

  @Override
  public void copyTo(AttributeImpl target) {
    super.copyTo(target);
    if (target instanceof MailTermAttribute t) {
      System.arraycopy(ascii, 0, t.ascii, 0, Math.max(0, asciiLength));
      t.asciiLength = asciiLength;
    }
  }
}
