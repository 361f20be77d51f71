package dev.mailtrace.cli;

import java.io.File;
import java.io.IOException;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step, not a command: writes the man pages of {@code mailtrace} and each subcommand as
 * AsciiDoc with picocli's generator, from the same model {@code --help} prints; the cli module's
 * build turns them into troff (asciidoctor's manpage back end) in {@code cli/target/man/man1}.
 * picocli-codegen is a build-time dependency only: the jar does not carry it.
 */
public final class ManPages {
  private ManPages() {}

  /** Writes the AsciiDoc pages into the folder {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    File out = new File(args[0]);
    if (!out.isDirectory() && !out.mkdirs()) {
      throw new IOException("cannot create " + out);
    }
    int code = ManPageGenerator.generateManPage(out, null, new boolean[0], true, Main.fullModel().getCommandSpec());
    if (code != 0) {
      throw new IOException("picocli's man page generator failed with code " + code);
    }
  }
}
