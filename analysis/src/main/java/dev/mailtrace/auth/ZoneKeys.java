package dev.mailtrace.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * DKIM keys from zone files of TXT records (see {@link ZoneFile} for the syntax): the offline key
 * source. A name the files do not hold is {@link KeyLookup.Absent} but not definitive, since a
 * collection of keys is never the whole DNS. Immutable and thread-safe.
 */
public final class ZoneKeys implements KeySource {
  private final ZoneFile zone;
  private final String origin;

  private ZoneKeys(ZoneFile zone, String origin) {
    this.zone = zone;
    this.origin = origin;
  }

  /** Reads a zone file (UTF-8); what cannot be read in it is in {@link #problems()}. */
  public static ZoneKeys read(Path file) throws IOException {
    return of(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Keys from zone file text; {@code origin} names it in look-up results ("keys.zone"). */
  public static ZoneKeys of(String text, String origin) {
    return new ZoneKeys(ZoneFile.parse(text), origin);
  }

  /** What could not be read in the file, "what: line N". */
  public List<String> problems() {
    return zone.problems();
  }

  /** The number of TXT records read. */
  public int size() {
    return zone.records().values().stream().mapToInt(List::size).sum();
  }

  @Override
  public KeyLookup lookup(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    List<String> found = zone.records().get(n);
    if (found == null) {
      return new KeyLookup.Absent(n + " is not in " + origin, false);
    }
    return new KeyLookup.Found(found, origin + " line " + zone.lines().get(n).get(0));
  }
}
