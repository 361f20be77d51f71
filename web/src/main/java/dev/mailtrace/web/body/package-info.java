/**
 * Showing message bodies safely: {@link dev.mailtrace.web.body.HtmlSanitiser} cleans HTML with
 * jsoup's Safelist, removes and lists every remote reference (images, style sheets, refreshes,
 * frames, form targets) and makes links inert. It writes no sanitiser rules of its own for HTML
 * (jsoup's Safelist decides what survives); the pages show the result in a sandboxed frame without
 * scripts, under a Content-Security-Policy that allows no remote load.
 */
package dev.mailtrace.web.body;
