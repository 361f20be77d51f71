package dev.mailtrace.archive;

/**
 * The layouts mailtrace reads; {@link #AUTO} detects them from content: gzip magic bytes, a file
 * starting with a {@code From } line (an mbox whose variant is inferred per message), folders with
 * cur/new/tmp (Maildir). The rules are in the package documentation.
 */
public enum ArchiveFormat {
  AUTO,
  /** One message per file (.eml, a Maildir message, anything that is not an mbox). */
  EML,
  /** Maildir or Maildir++: cur/new/tmp folders, subfolders named .Name. */
  MAILDIR,
  /** mbox with {@code >From } quoting of lines starting {@code From } only (lossy). */
  MBOXO,
  /** mbox with reversible quoting: any number of {@code >} before {@code From }. */
  MBOXRD,
  /** mbox with Content-Length headers and mboxo quoting. */
  MBOXCL,
  /** mbox with Content-Length headers and no quoting. */
  MBOXCL2
}
