package dev.mailtrace.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailtrace completion}: the shell completion script picocli generates from the command model. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script for bash or zsh.",
      "Load it into the current shell with 'source <(mailtrace completion bash)' (or zsh), put that line in "
          + "~/.bashrc or ~/.zshrc, or save the bash script where bash-completion looks "
          + "(~/.local/share/bash-completion/completions/mailtrace)."
    },
    footer = {
      "",
      "Examples:",
      "  source <(mailtrace completion bash)",
      "  echo 'source <(mailtrace completion zsh)' >> ~/.zshrc"
    })
final class CompletionCommand implements Callable<Integer> {
  /** The shells the script is for. */
  enum Shell {
    bash,
    zsh
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    // One script for both: picocli's bash script loads zsh's bash completion emulation itself when
    // zsh sources it.
    String script = AutoComplete.bash("mailtrace", Main.fullModel());
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
