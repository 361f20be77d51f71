package dev.mailtrace.web.body;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Makes a mail's HTML body safe to look at: jsoup's {@link Safelist} decides what survives (no
 * scripts, event handlers, forms, frames, SVG, {@code <base>}, {@code <meta>} or style sheets), and
 * nothing left can reach the network: remote images and every other remote reference are removed
 * and listed, links are kept as text with their target in a tooltip but cannot be followed, and
 * inline images ({@code cid:}) come from the message's own parts.
 *
 * <p>The result is still shown only in a sandboxed frame without scripts, under a
 * Content-Security-Policy that allows no remote load: the sanitiser is one of three fences.
 */
public final class HtmlSanitiser {
  /** Attributes that make a browser fetch something, by element or on any element. */
  private static final List<String> FETCHING_ATTRIBUTES =
      List.of("src", "srcset", "background", "poster", "data", "action", "formaction", "lowsrc", "dynsrc", "xlink:href", "codebase", "archive", "icon", "manifest", "ping", "longdesc", "cite");
  private static final Pattern CSS_URL = Pattern.compile("url\\s*\\(\\s*['\"]?([^'\")]*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CSS_IMPORT = Pattern.compile("@import\\s+(?:url\\s*\\(\\s*)?['\"]?([^'\")\\s;]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern REFRESH_URL = Pattern.compile("url\\s*=\\s*['\"]?([^'\";]*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern RASTER_DATA = Pattern.compile("data:image/(png|gif|jpeg|jpg|webp|bmp)[;,]", Pattern.CASE_INSENSITIVE);
  /** Words in a style value that can fetch, run code or hide an escape; such a style is dropped whole. */
  private static final List<String> UNSAFE_CSS =
      List.of("url", "image", "expression", "\\", "@", "behavior", "binding", "javascript", "src(", "attr(", "&");

  private final Safelist safelist;

  /** A sanitiser keeping the structure and formatting of ordinary mail. */
  public HtmlSanitiser() {
    this.safelist = Safelist.relaxed()
        .removeProtocols("img", "src", "http", "https")
        .addProtocols("img", "src", "data")
        .removeAttributes("a", "href")
        .addAttributes(":all", "style", "align", "valign", "dir", "lang", "bgcolor", "color", "border", "cellpadding", "cellspacing")
        .addAttributes("font", "face", "size", "color")
        .addTags("font", "center", "hr");
  }

  /**
   * Sanitises an HTML body.
   *
   * @param html the decoded HTML text
   * @param inline the message's inline parts by Content-ID (without angle brackets) as {@code data:}
   *     URIs, which {@code cid:} references are replaced with
   */
  public SanitisedHtml sanitise(String html, Map<String, String> inline) {
    Document dirty = Jsoup.parse(html);
    Set<String> blocked = new LinkedHashSet<>();
    int links = 0;
    for (Element e : dirty.getAllElements()) {
      String tag = e.normalName();
      for (Attribute a : e.attributes().asList()) {
        String name = a.getKey().toLowerCase(Locale.ROOT);
        String value = a.getValue().strip();
        if (FETCHING_ATTRIBUTES.contains(name) && !value.isEmpty() && !isLocal(value)) {
          blocked.add(what(tag, name) + " " + value);
        }
        if (name.equals("style")) {
          cssReferences(value, tag, blocked);
        }
      }
      switch (tag) {
        case "link" -> {
          if (!e.attr("href").isBlank()) {
            blocked.add("linked " + (e.attr("rel").isBlank() ? "resource" : e.attr("rel")) + " " + e.attr("href").strip());
          }
        }
        case "style" -> cssReferences(e.data(), tag, blocked);
        case "meta" -> {
          if (e.attr("http-equiv").equalsIgnoreCase("refresh")) {
            Matcher m = REFRESH_URL.matcher(e.attr("content"));
            blocked.add("refresh to " + (m.find() ? m.group(1).strip() : e.attr("content")));
          }
        }
        case "base" -> {
          if (!e.attr("href").isBlank()) {
            blocked.add("base address " + e.attr("href").strip());
          }
        }
        case "img" -> {
          String src = e.attr("src").strip();
          if (!src.isEmpty() && !isLocal(src) && e.attr("alt").isBlank()) {
            // The image's place stays visible and says why it is empty.
            e.attr("alt", "[remote image blocked]");
          }
          if (src.regionMatches(true, 0, "cid:", 0, 4)) {
            String uri = inline.get(java.net.URLDecoder.decode(src.substring(4), java.nio.charset.StandardCharsets.UTF_8));
            if (uri != null) {
              e.attr("src", uri);
            } else {
              e.removeAttr("src");
            }
          }
        }
        case "a", "area" -> {
          String href = e.attr("href").strip();
          if (!href.isEmpty()) {
            // Inert: the target stays readable (phishing links are evidence) but cannot be followed.
            e.attr("title", href);
            e.removeAttr("href");
            links++;
          }
        }
        default -> {}
      }
    }
    Document clean = new Cleaner(safelist).clean(dirty);
    for (Element e : clean.getAllElements()) {
      String style = e.attr("style");
      if (!style.isEmpty() && !isSafeStyle(style)) {
        e.removeAttr("style");
      }
      String src = e.attr("src");
      if (!src.isEmpty() && !RASTER_DATA.matcher(src).lookingAt()) {
        // Only raster images inline: an SVG image cannot run script, but it is markup all the same.
        blocked.add("image " + (src.length() > 40 ? src.substring(0, 40) + "..." : src) + " (not a raster image)");
        e.removeAttr("src");
      }
    }
    clean.outputSettings().prettyPrint(false).charset(java.nio.charset.StandardCharsets.UTF_8);
    return new SanitisedHtml(clean.body().html(), new ArrayList<>(blocked), links);
  }

  private static boolean isLocal(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    return v.startsWith("cid:") || v.startsWith("data:") || v.startsWith("#");
  }

  private static String what(String tag, String attribute) {
    return switch (tag) {
      case "img" -> "image";
      case "form" -> "form target";
      case "script" -> "script";
      case "iframe", "frame" -> "frame";
      case "video", "audio", "source" -> "media";
      case "object", "embed", "applet" -> "object";
      default -> attribute.equals("background") ? "background image" : tag + " " + attribute;
    };
  }

  private static void cssReferences(String css, String tag, Set<String> blocked) {
    Matcher i = CSS_IMPORT.matcher(css);
    int importsEnd = 0;
    while (i.find()) {
      blocked.add("style sheet import " + i.group(1).strip());
      importsEnd = i.end();
    }
    Matcher m = CSS_URL.matcher(css);
    while (m.find()) {
      if (m.start() >= importsEnd && !isLocal(m.group(1).strip())) {
        blocked.add("style sheet image (" + tag + ") " + m.group(1).strip());
      }
    }
  }

  private static boolean isSafeStyle(String style) {
    String s = style.toLowerCase(Locale.ROOT);
    for (String word : UNSAFE_CSS) {
      if (s.contains(word)) {
        return false;
      }
    }
    return true;
  }
}
