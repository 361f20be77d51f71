package dev.mailtrace.web.backend;

/**
 * One value of a {@link Dimension} and how many matching messages have it.
 *
 * @param value the value, or {@link Dimension#NONE}
 * @param count matching messages with it
 */
public record Count(String value, long count) {}
