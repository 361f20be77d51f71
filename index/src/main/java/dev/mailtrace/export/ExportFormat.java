package dev.mailtrace.export;

import java.util.Locale;

/** What an export writes. */
public enum ExportFormat {
  /** One mboxrd file holding every message. */
  MBOX,
  /** A folder with one file per message, named by its SHA-256. */
  EML,
  /** One CSV file of message metadata. */
  CSV,
  /** One JSON object of message metadata per line. */
  JSON;

  /** The format for a name as written, or null. */
  public static ExportFormat of(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
