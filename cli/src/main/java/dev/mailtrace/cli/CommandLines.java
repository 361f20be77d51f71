package dev.mailtrace.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Parsed command models kept for reuse by a long-lived process (the query daemon). picocli builds a
 * command's model by reflection, which was about 40 % of the daemon's CPU per query; a model can be
 * used again once its run is over, since picocli resets every option to its initial value before it
 * parses. Each model serves one run at a time. Thread-safe.
 */
public final class CommandLines {
  /** Idle models kept per command: as many as queries usually run at once. */
  private static final int KEEP = 4;

  private final Map<String, Deque<CommandLine>> idle = new HashMap<>();

  /** A model of the command {@code name} no run is using, or null when none is idle. */
  synchronized CommandLine take(String name) {
    Deque<CommandLine> d = idle.get(name);
    return d == null ? null : d.pollFirst();
  }

  /** Gives back a model whose run is over. */
  synchronized void give(String name, CommandLine cl) {
    Deque<CommandLine> d = idle.computeIfAbsent(name, k -> new ArrayDeque<>());
    if (d.size() < KEEP) {
      d.addFirst(cl);
    }
  }
}
