package dev.mailtrace.auth;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A verifier's keys: each name looked up once in its {@link KeySource} and each record's text read
 * once, shared by the threads of a run (an archive holds thousands of messages signed with the
 * same few keys). Bounded: past {@link #MAX_ENTRIES} names, answers are no longer kept.
 */
final class KeyCache {
  static final int MAX_ENTRIES = 100_000;

  /**
   * The key for one name.
   *
   * @param record the usable record (possibly revoked), or null
   * @param origin where it came from
   * @param result without a record: temperror or permerror
   * @param reason without a record: why
   */
  record Key(KeyRecord record, String origin, AuthResult result, String reason) {}

  private final KeySource source;
  private final ConcurrentHashMap<String, Key> keys = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, KeyRecord> records = new ConcurrentHashMap<>();

  KeyCache(KeySource source) {
    this.source = source;
  }

  /** The key at {@code name} ({@code selector._domainkey.domain}). */
  Key key(String name) {
    Key k = keys.get(name);
    if (k == null) {
      k = find(name);
      if (keys.size() < MAX_ENTRIES) {
        keys.put(name, k);
      }
    }
    return k;
  }

  private Key find(String name) {
    KeyLookup found = source.lookup(name);
    return switch (found) {
      case KeyLookup.Absent a -> new Key(null, null, a.definitive() ? AuthResult.PERMERROR : AuthResult.TEMPERROR,
          "no key: " + a.why());
      case KeyLookup.Failed f -> new Key(null, null, AuthResult.TEMPERROR, "key look-up failed: " + f.why());
      case KeyLookup.Found f -> choose(f.records(), f.origin());
    };
  }

  /** The first record that can be read (RFC 6376 section 3.6.2.2); else the first one's problem. */
  private Key choose(List<String> texts, String origin) {
    KeyRecord first = null;
    for (String text : texts) {
      KeyRecord r = records.get(text);
      if (r == null) {
        r = KeyRecord.parse(text);
        if (records.size() < MAX_ENTRIES) {
          records.put(text, r);
        }
      }
      if (r.problem() == null) {
        return new Key(r, origin, null, null);
      }
      if (first == null) {
        first = r;
      }
    }
    return first == null
        ? new Key(null, origin, AuthResult.PERMERROR, "no key: no TXT record")
        : new Key(null, origin, AuthResult.PERMERROR, first.problem());
  }
}
