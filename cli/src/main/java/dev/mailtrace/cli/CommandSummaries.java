package dev.mailtrace.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;

/**
 * The command list of {@code mailtrace --help}: each command with one whole sentence of what it
 * does. picocli's own list shows the first element of each description array, which for the longer
 * descriptions is the first wrapped piece of a sentence ("eml files named by").
 */
final class CommandSummaries implements CommandLine.IHelpSectionRenderer {

  @Override
  public String render(Help help) {
    Map<String, Help> commands = help.subcommands();
    if (commands.isEmpty()) {
      return "";
    }
    int width = help.commandSpec().usageMessage().width();
    int nameWidth = 2 + commands.keySet().stream().mapToInt(String::length).max().orElse(8) + 2;
    TextTable table = TextTable.forColumns(help.colorScheme(),
        new Column(nameWidth, 2, Column.Overflow.SPAN),
        new Column(width - nameWidth, 1, Column.Overflow.WRAP));
    for (Map.Entry<String, Help> c : commands.entrySet()) {
      if (c.getValue().commandSpec().usageMessage().hidden()) {
        continue;
      }
      var usage = c.getValue().commandSpec().usageMessage();
      // A header, when a command has one, is its summary already (picocli's help command has one).
      String[] text = usage.header().length > 0 ? usage.header() : usage.description();
      table.addRowValues(help.colorScheme().commandText(c.getKey()).toString(), summary(text));
    }
    return table.toString();
  }

  /** A first sentence longer than this and introducing a list after a colon is cut at the colon. */
  static final int LONG = 100;

  /**
   * The first sentence of a description given as an array of pieces; when that sentence is long
   * and introduces a list after a colon ("Count the messages matching a query by a field:
   * sender-domain, ..."), the part before the colon.
   */
  static String summary(String[] description) {
    String text = String.join(" ", description).replace("%n", " ").replaceAll("\\s+", " ").strip();
    int end = sentenceEnd(text);
    String first = end < 0 ? text : text.substring(0, end + 1);
    int colon = first.indexOf(": ");
    if (colon > 0 && first.length() > LONG) {
      first = first.substring(0, colon) + ".";
    }
    return first;
  }

  /** The index of the period ending the first sentence: one followed by a space or the end, outside parentheses. */
  private static int sentenceEnd(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (c == '.' && depth == 0 && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }
}
