package dev.mailtrace.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The compiled jte templates (src/main/jte, compiled to Java at build time). jte escapes every
 * {@code ${...}} for where it stands (element text, attribute); nothing else in the workbench
 * writes HTML. The two raw outputs are the sanitiser's result, in the sandboxed frame, and the
 * report's own inlined assets.
 */
final class Templates {
  private final TemplateEngine engine =
      TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), "dev.mailtrace.web.template");

  /** Renders a template ({@code "search.jte"}) with its parameters by name. */
  String render(String name, Map<String, Object> params) {
    StringOutput out = new StringOutput(16 << 10);
    engine.render(name, params, out);
    return out.toString();
  }
}
