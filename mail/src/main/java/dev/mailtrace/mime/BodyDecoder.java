package dev.mailtrace.mime;

import dev.mailtrace.message.Sha256;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Decodes one leaf's body (RFC 2045 section 6) into what the model keeps: at most {@code keep}
 * decoded bytes, the decoded size, and, when the body is larger than what is kept, its SHA-256
 * computed as it streams past (a kept body is hashed only when someone asks, see {@link
 * dev.mailtrace.message.Part#sha256()}).
 *
 * <p>A body whose encoded form fits in what may be kept is decoded in one call, as it always was;
 * a larger one in slices of {@link #SLICE} encoded bytes through one small buffer, so a 2 GB
 * attachment costs the kept bytes and a buffer, not 2 GB.
 */
final class BodyDecoder {
  /** Encoded bytes decoded per step of a large body. */
  static final int SLICE = 1 << 20;

  /** What one body decoded to. */
  record Decoded(byte[] kept, long size, String sha256, int invalid, boolean dangling, int malformed) {}

  private BodyDecoder() {}

  /** Decodes {@code buf[start, end)} with {@code encoding}, keeping at most {@code keep} bytes. */
  static Decoded decode(TransferDecoding.Encoding encoding, byte[] buf, int start, int end, int keep) {
    int length = end - start;
    if (length <= keep) {
      return whole(encoding, buf, start, end);
    }
    byte[] kept = new byte[Math.min(keep, 64 << 10)];
    int keptLength = 0;
    long size = 0;
    MessageDigest sha = Sha256.newDigest();
    byte[] out = new byte[SLICE + 4];
    int[] b64 = new int[4];
    int[] bad = new int[1];
    for (int from = start; from < end; ) {
      int to = Math.min(end, from + SLICE);
      int n;
      switch (encoding) {
        case BASE64 -> n = TransferDecoding.base64(buf, from, to, out, 0, b64);
        case QUOTED_PRINTABLE -> {
          if (to < end) {
            to = TransferDecoding.qpSliceEnd(buf, from, to);
          }
          n = TransferDecoding.quotedPrintable(buf, from, to, out, 0, bad, to == end);
        }
        default -> {
          n = to - from;
          System.arraycopy(buf, from, out, 0, n);
        }
      }
      sha.update(out, 0, n);
      int take = (int) Math.min(n, (long) keep - keptLength);
      if (take > 0) {
        if (keptLength + take > kept.length) {
          kept = Arrays.copyOf(kept, Math.min(keep, Math.max(keptLength + take, kept.length * 2)));
        }
        System.arraycopy(out, 0, kept, keptLength, take);
        keptLength += take;
      }
      size += n;
      from = to;
    }
    byte[] k = keptLength == kept.length ? kept : Arrays.copyOf(kept, keptLength);
    // A body that decoded to no more than is kept (quoted-printable of mostly escapes) is whole:
    // its hash is left to be computed when asked, as for any kept body.
    String hash = size > keptLength ? Sha256.hex(sha.digest()) : null;
    return new Decoded(k, size, hash, b64[2], b64[3] != 0 || b64[1] == 6, bad[0]);
  }

  private static Decoded whole(TransferDecoding.Encoding encoding, byte[] buf, int start, int end) {
    int[] junk = new int[2];
    switch (encoding) {
      case BASE64 -> {
        byte[] out = TransferDecoding.base64(buf, start, end, junk);
        return new Decoded(out, out.length, null, junk[0], junk[1] != 0, 0);
      }
      case QUOTED_PRINTABLE -> {
        byte[] out = TransferDecoding.quotedPrintable(buf, start, end, junk);
        return new Decoded(out, out.length, null, 0, false, junk[0]);
      }
      default -> {
        byte[] out = Arrays.copyOfRange(buf, start, end);
        return new Decoded(out, out.length, null, 0, false, 0);
      }
    }
  }
}
