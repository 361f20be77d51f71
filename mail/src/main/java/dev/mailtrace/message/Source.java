package dev.mailtrace.message;

import java.util.Objects;

/**
 * Where a message's bytes live: the file, the byte range inside it and the SHA-256 of that range.
 *
 * <p>For a gzip file the offset and length count bytes of the decompressed stream. For an mbox the
 * range covers the message as stored, after the {@code From } separator line and with any
 * {@code >From} quoting intact, so reading the range back and hashing it gives {@code sha256}.
 *
 * @param file the source file, as given or found while walking a directory
 * @param offset first byte of the message in the (decompressed) file
 * @param length number of stored bytes
 * @param sha256 lower-case hex SHA-256 of the stored bytes
 */
public record Source(String file, long offset, long length, String sha256) {
  public Source {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
    }
  }
}
