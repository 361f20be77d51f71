package dev.mailtrace.cli;

import dev.mailtrace.web.Workbench;
import dev.mailtrace.web.lucene.LuceneBackend;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailtrace serve}: the workbench in the browser over an index, until interrupted.
 *
 * <p>Prints the URL to open (with its token) and waits; Ctrl-C (or an interrupt of the thread, as
 * tests do) stops the server and returns 0.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Open an index in the browser workbench: search with facets, messages shown safely, threads, routes, "
          + "bounce and route dashboards, exports.",
      "Listens on 127.0.0.1 only, on a free port unless --port is given, and prints a URL with a random token; "
          + "requests without the token are refused. It opens no browser, and its pages load nothing from "
          + "elsewhere. Ctrl-C stops it."
    },
    footer = {
      "",
      "Examples:",
      "  mailtrace serve --index idx",
      "  mailtrace serve --index idx --port 8470"
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexLocation index;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "0", description = "The port on 127.0.0.1 (default: a free one).")
  int port;

  @Override
  public Integer call() throws Exception {
    LuceneLogging.quiet();
    if (port < 0 || port > 65535) {
      throw CliException.usage("--port must be 0 to 65535, not " + port);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (LuceneBackend backend = LuceneBackend.open(index.existing());
        Workbench workbench = startOn(backend)) {
      out.println("mailtrace workbench for " + index.dir + " (" + backend.documents() + " messages):");
      out.println("  " + workbench.url());
      out.println("Open that URL in your browser; Ctrl-C stops.");
      out.flush();
      CountDownLatch stop = new CountDownLatch(1);
      Thread hook = new Thread(stop::countDown, "mailtrace-serve-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stop.await();
      } catch (InterruptedException interrupted) {
        Runtime.getRuntime().removeShutdownHook(hook);
        Thread.currentThread().interrupt();
      }
      err.println("mailtrace: workbench stopped");
      err.flush();
    }
    return 0;
  }

  private Workbench startOn(LuceneBackend backend) {
    try {
      return Workbench.start(backend, port, System.err);
    } catch (java.net.BindException e) {
      throw CliException.environment("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + "); choose another --port or leave it out");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
