/**
 * Writing JSON (RFC 8259) for the tool's machine-readable outputs: {@link
 * dev.mailtrace.json.JsonWriter} streams values, typically one object per line (JSON lines), to any
 * {@link java.lang.Appendable}.
 *
 * <p>It lives in the parser module so every module that outputs JSON (cli, replay, indexer) shares
 * one string escaping. It only writes; it does not read or validate JSON, and it loads no JSON
 * library so that short command runs start fast.
 */
package dev.mailtrace.json;
