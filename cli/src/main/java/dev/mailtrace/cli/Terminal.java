package dev.mailtrace.cli;

/** Whether progress goes to a person (a redrawn line) or to a log (a line now and then). */
final class Terminal {
  private Terminal() {}

  /**
   * True when stderr is most likely a terminal. From JDK 22 on System.console() exists even when
   * output is redirected, and Console.isTerminal() (not in the Java 21 API we compile against)
   * tells; on Java 21 a console exists only for a terminal.
   */
  static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException olderJdk) {
      return true;
    }
  }
}
