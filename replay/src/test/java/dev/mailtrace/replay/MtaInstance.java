package dev.mailtrace.replay;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private MTA started by one of the scripts in {@code scripts/mta/} (they are shared with the
 * benchmarks): started in a folder of the test's, stopped at the end, its settings read from the
 * script's {@code key=value} line.
 */
final class MtaInstance implements AutoCloseable {
  final Path dir;
  final Map<String, String> settings;
  private final Path script;

  private MtaInstance(Path script, Path dir, Map<String, String> settings) {
    this.script = script;
    this.dir = dir;
    this.settings = settings;
  }

  /** The project root, where {@code scripts/} is. */
  static Path root() {
    return Path.of(System.getProperty("mailtrace.root", "..")).toAbsolutePath().normalize();
  }

  /**
   * Starts {@code scripts/mta/NAME} in {@code dir}. Without root or the MTA's packages the test is
   * skipped, unless the mta profile requires it ({@code mailtrace.mta.required}), when it fails.
   */
  static MtaInstance start(String name, Path dir, String... args) throws IOException, InterruptedException {
    Path script = root().resolve("scripts/mta").resolve(name);
    boolean required = Boolean.getBoolean("mailtrace.mta.required");
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", script.toString(), "start", dir.toString()));
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(name + " did not start within 120 s");
    }
    if (p.exitValue() != 0) {
      String why = name + " could not start (exit " + p.exitValue() + "): " + err.strip();
      if (p.exitValue() == 3 && !required) {
        Assumptions.abort(why);
      }
      fail(why);
    }
    Map<String, String> settings = new HashMap<>();
    for (String pair : new String(out, StandardCharsets.UTF_8).strip().split("\\s+")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        settings.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return new MtaInstance(script, dir, settings);
  }

  int port(String key) {
    return Integer.parseInt(settings.get(key));
  }

  /** A PKCS12 trust store holding the instance's certificate (password "changeit"). */
  Path trustStore() throws Exception {
    Path store = dir.resolve("trust.p12");
    if (!Files.exists(store)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      try (InputStream in = Files.newInputStream(dir.resolve("tls/cert.pem"))) {
        Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        ks.setCertificateEntry("mta", cert);
      }
      try (var out = Files.newOutputStream(store)) {
        ks.store(out, "changeit".toCharArray());
      }
    }
    return store;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", script.toString(), "stop", dir.toString()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    p.waitFor(60, TimeUnit.SECONDS);
  }
}
