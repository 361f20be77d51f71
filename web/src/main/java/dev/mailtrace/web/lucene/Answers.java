package dev.mailtrace.web.lucene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.SegmentInfos;

/**
 * Counts already answered on the index's current commit: facets and dashboards ask the same counts
 * again as a person pages through results or moves between views. All answers are forgotten when a
 * new commit appears (an index run beside the workbench), so none is ever stale. Thread-safe.
 */
final class Answers {
  /** Enough for the facets and dashboards of a few dozen queries. */
  static final int CAPACITY = 2048;

  private final Path dir;
  private long generation = -1;
  private final Map<String, Object> answers = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
      return size() > CAPACITY;
    }
  };

  Answers(Path dir) {
    this.dir = dir;
  }

  /** The commit generation of the index now: the newest segments_N in its folder. */
  long generation() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return SegmentInfos.getLastCommitGeneration(files.map(p -> p.getFileName().toString()).toArray(String[]::new));
    }
  }

  /** The answer for {@code key} on commit {@code generation}, or null. */
  synchronized Object get(long generation, String key) {
    if (generation != this.generation) {
      answers.clear();
      this.generation = generation;
    }
    return answers.get(key);
  }

  /** Keeps an answer found on commit {@code generation}. */
  synchronized void put(long generation, String key, Object answer) {
    if (generation == this.generation) {
      answers.put(key, answer);
    }
  }
}
