package dev.mailtrace.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One fuzz target: its class, and where its inputs are. Committed inputs live under
 * {@code src/test/resources/dev/mailtrace/fuzz/}: {@code seeds/NAME/} to start from, and
 * {@code findings/NAME/} for every input a fuzzing run found failing once fixed (each is a
 * regression test from then on). Seeds from the shared corpora and the bundled samples are added
 * when they are there.
 */
enum Target {
  MESSAGE_PARSER(MessageParserFuzz.class, Seeds.MESSAGES),
  ARCHIVE_READER(ArchiveReaderFuzz.class, Seeds.ARCHIVES),
  ADDRESSES(HeaderGrammarsFuzz.Addresses.class, Seeds.NONE),
  DATES(HeaderGrammarsFuzz.Dates.class, Seeds.NONE),
  MEDIA_TYPES(HeaderGrammarsFuzz.MediaTypes.class, Seeds.NONE),
  ENCODED_WORDS(HeaderGrammarsFuzz.Words.class, Seeds.NONE),
  MESSAGE_IDS(HeaderGrammarsFuzz.Ids.class, Seeds.NONE),
  UNSTRUCTURED(HeaderGrammarsFuzz.Text.class, Seeds.NONE),
  RECEIVED(ReceivedFuzz.class, Seeds.NONE),
  SMTP_REPLY(SmtpReplyFuzz.class, Seeds.NONE),
  BOUNCE_CLASSIFIER(BounceClassifierFuzz.class, Seeds.BOUNCES),
  QUERY(QueryFuzz.class, Seeds.NONE);

  /** Seeds made from files outside this module. */
  enum Seeds {
    NONE,
    MESSAGES,
    ARCHIVES,
    BOUNCES
  }

  final Class<?> type;
  final Seeds extra;

  Target(Class<?> type, Seeds extra) {
    this.type = type;
    this.extra = extra;
  }

  /** The name of its input folders: the class's binary name without the package. */
  String folder() {
    return type.getName().substring(type.getPackageName().length() + 1);
  }

  /** Runs one input through the target; what the target throws is a failure. */
  void run(byte[] input) throws Throwable {
    Method m = type.getMethod("fuzzerTestOneInput", byte[].class);
    try {
      m.invoke(null, (Object) input);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The committed inputs: seeds and findings. */
  List<Path> committed() {
    List<Path> out = new ArrayList<>();
    for (String kind : new String[] {"seeds", "findings"}) {
      Path dir = resources().resolve(kind).resolve(folder());
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          files.filter(Files::isRegularFile).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  /** Copies every seed of this target (committed and from the corpora) into {@code dir}. */
  void writeSeeds(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Path p : committed()) {
      Files.copy(p, dir.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Path corpora = root().resolve("../shared/corpora");
    List<Path> files = switch (extra) {
      case NONE -> List.of();
      case MESSAGES -> sample(corpora.resolve("mime"), 150);
      case BOUNCES -> sample(corpora.resolve("bounces"), 150);
      case ARCHIVES -> sample(corpora.resolve("mime"), 40);
    };
    int n = 0;
    for (Path f : files) {
      byte[] b = Files.readAllBytes(f);
      if (extra == Seeds.ARCHIVES) {
        byte[] a = new byte[b.length + 1]; // first byte 0: format AUTO, not gzipped
        System.arraycopy(b, 0, a, 1, b.length);
        b = a;
      }
      Files.write(dir.resolve("corpus-" + n++), b);
    }
    Path samples = root().resolve("samples/archive.mbox");
    if (extra != Seeds.NONE && Files.isRegularFile(samples)) {
      byte[] head = new byte[64 << 10];
      try (var in = Files.newInputStream(samples)) {
        int len = in.readNBytes(head, 1, head.length - 1);
        Files.write(dir.resolve("samples-head"), java.util.Arrays.copyOf(head, len + 1));
      }
    }
  }

  /** Up to {@code max} files of at most 64 KB under {@code dir}, in a fixed order. */
  private static List<Path> sample(Path dir, int max) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> all = walk.filter(Files::isRegularFile).filter(p -> {
        try {
          return Files.size(p) <= (64 << 10);
        } catch (IOException e) {
          return false;
        }
      }).sorted().toList();
      List<Path> out = new ArrayList<>();
      int step = Math.max(1, all.size() / max);
      for (int i = 0; i < all.size() && out.size() < max; i += step) {
        out.add(all.get(i));
      }
      return out;
    }
  }

  static Path root() {
    return Path.of(System.getProperty("mailtrace.root", "..")).toAbsolutePath().normalize();
  }

  private static Path resources() {
    return root().resolve("fuzz/src/test/resources/dev/mailtrace/fuzz");
  }
}
