package dev.mailtrace.web.view;

/**
 * A link on a page.
 *
 * @param label what it says
 * @param href where it goes
 * @param current whether it is the page or choice being shown
 */
public record Link(String label, String href, boolean current) {}
