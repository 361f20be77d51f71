/** The mailtrace command line; picocli reads the command classes reflectively. */
module dev.mailtrace.cli {
  requires dev.mailtrace.index;
  requires dev.mailtrace.replay;
  requires dev.mailtrace.web;
  requires info.picocli;
  // Build time only: ManPages runs picocli's man page generator.
  requires static info.picocli.codegen;
  requires java.logging;
  requires org.apache.commons.csv;

  opens dev.mailtrace.cli to info.picocli;
}
