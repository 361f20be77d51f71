package dev.mailtrace.index;

/**
 * How far a source file has been indexed, as kept in the commit user data: every message that
 * ends at or before {@code end} is in the index, and the last of them is described so a later run
 * can check that the file still holds the same bytes there before trusting the rest.
 *
 * @param end the first byte after the last message indexed without gaps
 * @param lastOffset offset of that last message
 * @param lastLength its stored length
 * @param lastSha256 its SHA-256
 * @param lastIndex its position in the file, from 0
 * @param stamp the file's {@link FileStamp} when it was last read to its end with every message
 *     indexed; 0 when unknown (a run stopped part way, or an index made before stamps)
 */
record SourceProgress(long end, long lastOffset, long lastLength, String lastSha256, int lastIndex, long stamp) {
  /** Commit user-data keys of source files start with this. */
  static final String KEY_PREFIX = "source:";

  /** The same progress, for a file read to its end with this stamp. */
  SourceProgress withStamp(long s) {
    return new SourceProgress(end, lastOffset, lastLength, lastSha256, lastIndex, s);
  }

  String encode() {
    return end + "," + lastOffset + "," + lastLength + "," + lastSha256 + "," + lastIndex + "," + stamp;
  }

  /**
   * Reads an encoded value back; null when it is not one (an index written by another version).
   * Values without a stamp (indexes made before stamps) read as stamp 0.
   */
  static SourceProgress decode(String value) {
    String[] p = value.split(",", -1);
    if (p.length != 5 && p.length != 6) {
      return null;
    }
    try {
      return new SourceProgress(
          Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), p[3], Integer.parseInt(p[4]),
          p.length == 6 ? Long.parseLong(p[5]) : 0);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
