package dev.mailtrace.archive;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Asked before a read opens each file, with what a stat of the file says; a file it does not admit
 * is passed over unread. An incremental index uses it to leave unopened the files it indexed
 * before and that have not changed since: without it, indexing an unchanged 20,000-file Maildir
 * again read and hashed all 20,000 files to find nothing new.
 */
@FunctionalInterface
public interface FileGate {
  /** Admits every file. */
  FileGate ALL = (file, attributes) -> true;

  /**
   * Whether to read {@code file}; called once per file, on the reading thread, in read order.
   *
   * @param attributes the file's attributes, taken just before this call (links followed)
   */
  boolean admit(Path file, BasicFileAttributes attributes);
}
