package dev.mailtrace.index;

import java.time.Duration;

/**
 * Where an index run stands, for progress display and the final summary.
 *
 * @param added messages parsed and written in this run
 * @param skipped messages already in the index and left alone
 * @param bytes stored bytes of the messages read so far, and of files left unread as indexed
 * @param addedBytes stored bytes of the messages added
 * @param totalBytes size of the inputs on disk (for gzip an estimate of the decompressed size), for
 *     an estimate of the time left; 0 while it is still being measured at the start of a run
 * @param problems messages with at least one parse problem, among those added
 * @param duplicates messages in the index that share their bytes or Message-ID with another (known
 *     at the end of a run; 0 before)
 * @param documents documents in the index at the end of the run (0 before)
 * @param elapsed time since the run started
 * @param complete true when every input was read and committed
 * @param unreadable files and folders passed over because they could not be read (each told to
 *     the run's {@link dev.mailtrace.archive.Unreadable} as it was met)
 */
public record IndexStatus(
    long added,
    long skipped,
    long bytes,
    long addedBytes,
    long totalBytes,
    long problems,
    long duplicates,
    long documents,
    Duration elapsed,
    boolean complete,
    long unreadable) {

  /** Messages read so far: added and skipped. */
  public long messages() {
    return added + skipped;
  }

  /** Messages read per second. */
  public double rate() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : messages() / s;
  }

  /** Messages added per second: what the run's indexing achieved, with what it skipped left out. */
  public double addedRate() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : added / s;
  }

  /** Megabytes of messages added per second. */
  public double addedMegabytesPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : addedBytes / 1e6 / s;
  }

  /** Estimated time left from the bytes read against the input size, or null when unknown. */
  public Duration remaining() {
    if (bytes <= 0 || totalBytes <= 0 || bytes >= totalBytes) {
      // Past an estimate (a gzip file's size is estimated), what is left is unknown, not nothing.
      return complete ? Duration.ZERO : null;
    }
    double perByte = (double) elapsed.toNanos() / bytes;
    return Duration.ofNanos((long) (perByte * (totalBytes - bytes)));
  }
}
