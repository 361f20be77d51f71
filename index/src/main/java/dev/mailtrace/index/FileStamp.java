package dev.mailtrace.index;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What a file looked like when it was read, in one number: its size, modification time and file
 * key (device and inode) hashed together. A file indexed with the stamp it still has is not read
 * again (see {@link IndexRun}), as make, rsync and git trust a file's stat.
 *
 * <p>0 means "unknown" and never matches. A file modified within {@link #RACY_MILLIS} of being
 * looked at gets 0: a change in the same tick of a coarse clock (FAT keeps 2 s) could otherwise
 * leave its modification time as it was.
 */
final class FileStamp {
  /** A file modified this recently is read again next time, whatever its stamp says. */
  static final long RACY_MILLIS = 3_000;

  private FileStamp() {}

  /** The stamp of a file with these attributes, looked at {@code nowMillis} (epoch milliseconds). */
  static long of(BasicFileAttributes a, long nowMillis) {
    long modified = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    if (nowMillis - TimeUnit.NANOSECONDS.toMillis(modified) < RACY_MILLIS) {
      return 0;
    }
    long h = mix(a.size());
    h = mix(h ^ modified);
    h = mix(h ^ Objects.hashCode(a.fileKey()));
    return h == 0 ? 1 : h;
  }

  /** SplitMix64's finaliser: every input bit moves about half of the output bits. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
