package dev.mailtrace.archive;

import dev.mailtrace.message.RawMessage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Walks a folder depth-first in name order and reads every file in it that the {@link FileGate}
 * admits, one file at a time.
 *
 * <p>Names starting with a dot are skipped (.DS_Store, editor and index files), except Maildir++
 * folders ({@code .Name}, {@code .A.B}) inside a Maildir. A Maildir is read as {@code cur}, then
 * {@code new}, then its sub-Maildirs in name order; {@code tmp} (deliveries in progress, which
 * readers must ignore) and other files at a Maildir's top (dovecot-uidlist, subscriptions, ...) are
 * not read. Symbolic links to folders are not followed, so a walk always ends.
 */
final class FolderReader implements ArchiveReader {
  private enum Kind {
    FILE,
    FOLDER,
    MAILDIR,
    MAIL_FOLDER
  }

  /** A file or folder to read; a file's attributes once the walk has looked at it, null before and for a folder. */
  private record Entry(Path path, Kind kind, BasicFileAttributes attributes) {
    long size() {
      return attributes == null ? 0 : attributes.size();
    }
  }

  /** A folder's child, with its name taken once for sorting and the dot-name rule. */
  private record Child(String name, Path path) {
    boolean hidden() {
      return name.startsWith(".");
    }
  }

  private final ArchiveFormat format;
  private final ReaderConfig config;
  private final FileGate gate;
  private final Unreadable unreadable;
  private final Deque<Iterator<Entry>> stack = new ArrayDeque<>();
  private ArchiveReader current;
  private Path currentFile;

  FolderReader(Path root, ArchiveFormat format, ReaderConfig config, FileGate gate, Unreadable unreadable)
      throws IOException {
    this.format = format;
    this.config = config;
    this.gate = gate;
    this.unreadable = unreadable;
    boolean maildir =
        format == ArchiveFormat.MAILDIR
            || ((format == ArchiveFormat.AUTO || format == ArchiveFormat.EML)
                && FormatDetector.isMaildir(root));
    stack.push(expand(new Entry(root, maildir ? Kind.MAILDIR : Kind.FOLDER, null)).iterator());
  }

  @Override
  public RawMessage next() throws IOException {
    while (true) {
      if (current != null) {
        RawMessage m;
        try {
          m = current.next();
        } catch (IOException broken) {
          // A damaged file (a truncated gzip stream, a read error) must not end a walk over
          // thousands of others: it is told, and the walk goes on with the next file.
          closeQuietly();
          unreadable.skip(currentFile, broken);
          continue;
        }
        if (m != null) {
          return m;
        }
        current.close();
        current = null;
      }
      Entry next = nextFile();
      if (next == null) {
        return null;
      }
      Path file = next.path();
      if (!gate.admit(file, next.attributes())) {
        continue;
      }
      currentFile = file;
      try {
        current = FormatDetector.openFile(file, format, config);
      } catch (IOException failed) {
        unreadable.skip(file, failed);
      }
    }
  }

  private void closeQuietly() {
    try {
      current.close();
    } catch (IOException ignored) {
      // The file is already reported as unreadable; a failing close adds nothing.
    }
    current = null;
  }

  /**
   * The bytes of the files a read of {@code root} opens, in the same walk (see {@link
   * ArchiveReader#sizeOf}): each file's size as the walk reaches it, no file opened.
   */
  static long sizeOf(Path root) throws IOException {
    FolderReader walk = new FolderReader(root, ArchiveFormat.AUTO, ReaderConfig.DEFAULT, FileGate.ALL, (p, why) -> {});
    long total = 0;
    for (Entry file = walk.nextFile(); file != null; file = walk.nextFile()) {
      // A gzip file is read decompressed: its share is estimated (named .gz; no other file is opened).
      total += file.path().getFileName().toString().endsWith(".gz") ? StoredInput.estimatedSize(file.path()) : file.size();
    }
    return total;
  }

  private Entry nextFile() throws IOException {
    while (!stack.isEmpty()) {
      Iterator<Entry> it = stack.peek();
      if (!it.hasNext()) {
        stack.pop();
        continue;
      }
      Entry e = it.next();
      if (e.kind() == Kind.FILE) {
        // Looked at only when reached: a folder of 200,000 messages starts reading at once
        // rather than after 200,000 stat calls.
        Entry file = regularFile(e.path());
        if (file != null) {
          return file;
        }
        continue;
      }
      try {
        stack.push(expand(e).iterator());
      } catch (IOException failed) {
        unreadable.skip(e.path(), failed);
      }
    }
    return null;
  }

  private List<Entry> expand(Entry folder) throws IOException {
    List<Child> children = list(folder.path());
    List<Entry> out = new ArrayList<>(children.size());
    switch (folder.kind()) {
      case MAILDIR -> {
        boolean hasMailFolders = false;
        for (String sub : new String[] {"cur", "new"}) {
          Path p = folder.path().resolve(sub);
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            out.add(new Entry(p, Kind.MAIL_FOLDER, null));
            hasMailFolders = true;
          }
        }
        if (!hasMailFolders) {
          // Named a Maildir by the caller but without cur/new: read its files as messages.
          for (Child c : children) {
            addFile(out, c);
          }
        }
        for (Child c : children) {
          String name = c.name();
          Path p = c.path();
          if (!name.equals("cur")
              && !name.equals("new")
              && !name.equals("tmp")
              && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
              && FormatDetector.isMaildirOrPlusFolder(p)) {
            out.add(new Entry(p, Kind.MAILDIR, null));
          }
        }
      }
      case MAIL_FOLDER -> {
        for (Child c : children) {
          addFile(out, c);
        }
      }
      default -> {
        for (Child c : children) {
          if (c.hidden()) {
            continue;
          }
          Path p = c.path();
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            // An explicit mbox variant means "every file is an mbox": no Maildir layout then.
            boolean maildir =
                (format == ArchiveFormat.AUTO
                        || format == ArchiveFormat.EML
                        || format == ArchiveFormat.MAILDIR)
                    && FormatDetector.isMaildir(p);
            out.add(new Entry(p, maildir ? Kind.MAILDIR : Kind.FOLDER, null));
          } else {
            addFile(out, c);
          }
        }
      }
    }
    return out;
  }

  /** Adds {@code c} as a file to look at when reached, unless it has a dot-name. */
  private static void addFile(List<Entry> out, Child c) {
    if (!c.hidden()) {
      out.add(new Entry(c.path(), Kind.FILE, null));
    }
  }

  /** The file with its attributes when it is a regular file (links followed), else null. */
  private static Entry regularFile(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      return a.isRegularFile() ? new Entry(p, Kind.FILE, a) : null;
    } catch (IOException gone) {
      // Removed since the folder was listed, or a link to nothing: there is nothing to read.
      return null;
    }
  }

  /** The folder's entries sorted by name (String order), so every run sees the same order. */
  private static List<Child> list(Path dir) throws IOException {
    // Names taken once: comparing Paths by getFileName().toString() makes two strings per
    // comparison, over half a million for a 20,000-message Maildir folder.
    List<Child> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        children.add(new Child(p.getFileName().toString(), p));
      }
    }
    children.sort(Comparator.comparing(Child::name));
    return children;
  }

  @Override
  public void close() throws IOException {
    stack.clear();
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
