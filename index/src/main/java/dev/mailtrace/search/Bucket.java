package dev.mailtrace.search;

/**
 * One value of a statistics field and how many matching messages have it.
 *
 * @param value the value (a domain, a day, a reason, ...), or "(none)" for messages without one
 * @param count matching messages with this value
 */
public record Bucket(String value, long count) {}
