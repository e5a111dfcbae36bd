package io.github.vcl.function;

import io.github.vcl.crypto.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page the customer's browser lands on after Vipps MobilePay ({@code returnUrl} =
 * {@code GET /return/{reference}?t={token}}). It is a self-contained HTML page that asks the status route what
 * happened and shows it in Norwegian and English; it never decides anything itself (docs/vipps-rules.md#polling-and-redirects).
 *
 * <p>The template ({@value #TEMPLATE_RESOURCE}) is read once and split into literal text and two placeholders,
 * {@code {{reference}}} and {@code {{statusUrl}}}. Both sit in HTML text or a quoted attribute, never inside
 * {@code <script>} or {@code <style>} (checked when the template is loaded): the script reads the status URL from
 * {@code data-status-url}, so HTML escaping is the only escaping a value ever needs and there is no JavaScript-string
 * context to get wrong. Substitution is a single pass, so a value that itself looks like a placeholder stays text.
 *
 * <p>Serve it with {@link #headers()}: among others a Content-Security-Policy that allows exactly the template's
 * inline script and style (by hash) and fetches to the page's own origin only.
 */
public final class ReturnPage {
    /** Classpath location of the template (listed in {@code quarkus.native.resources.includes}). */
    public static final String TEMPLATE_RESOURCE = "return-page/return.html";
    public static final String REFERENCE = "reference";
    public static final String STATUS_URL = "statusUrl";

    private static final Set<String> PLACEHOLDERS = Set.of(REFERENCE, STATUS_URL);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");
    private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
    private static final Pattern RAW_TEXT = Pattern.compile("<(script|style)\\b.*?</\\1>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private final List<String> literals;
    private final List<String> names;
    private final String contentSecurityPolicy;

    private ReturnPage(List<String> literals, List<String> names, String contentSecurityPolicy) {
        this.literals = literals;
        this.names = names;
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    /** The page from {@value #TEMPLATE_RESOURCE}, loaded on first use and shared. */
    public static ReturnPage standard() {
        return Standard.PAGE;
    }

    private static final class Standard {
        private static final ReturnPage PAGE = fromClasspath(TEMPLATE_RESOURCE);
    }

    static ReturnPage fromClasspath(String resource) {
        try (InputStream in = ReturnPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("return page template not on the classpath: " + resource);
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }

    /** Parses and checks a template; see the class comment for the rules. */
    static ReturnPage of(String template) {
        List<int[]> rawText = new ArrayList<>();
        Matcher raw = RAW_TEXT.matcher(template);
        while (raw.find()) {
            rawText.add(new int[]{raw.start(), raw.end()});
        }
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        int from = 0;
        while (placeholder.find()) {
            String name = placeholder.group(1);
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder {{" + name + "}} in the return page");
            }
            for (int[] range : rawText) {
                if (placeholder.start() >= range[0] && placeholder.start() < range[1]) {
                    throw new IllegalArgumentException("placeholder {{" + name + "}} inside <script>/<style>: "
                            + "only HTML text and quoted attributes are escaped correctly");
                }
            }
            literals.add(template.substring(from, placeholder.start()));
            names.add(name);
            from = placeholder.end();
        }
        literals.add(template.substring(from));
        for (String literal : literals) {
            if (literal.contains("{{")) {
                throw new IllegalArgumentException("malformed placeholder near: "
                        + literal.substring(literal.indexOf("{{"), Math.min(literal.length(), literal.indexOf("{{") + 30)));
            }
        }
        if (!names.containsAll(PLACEHOLDERS)) {
            throw new IllegalArgumentException("the return page must use every placeholder " + PLACEHOLDERS);
        }
        return new ReturnPage(List.copyOf(literals), List.copyOf(names), contentSecurityPolicy(template));
    }

    /**
     * The page for one order.
     *
     * @param reference the order reference, shown to the customer
     * @param statusUrl where the page polls; prefer the relative form {@code {reference}/status?t={token}}, which
     *                  resolves against {@code /return/} and so survives an API Gateway stage prefix or base path. It
     *                  must be on the page's own origin (the Content-Security-Policy allows nothing else).
     */
    public String render(String reference, String statusUrl) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(statusUrl, "statusUrl");
        StringBuilder html = new StringBuilder(literals.stream().mapToInt(String::length).sum() + 256);
        for (int i = 0; i < names.size(); i++) {
            html.append(literals.get(i));
            html.append(escapeHtml(REFERENCE.equals(names.get(i)) ? reference : statusUrl));
        }
        return html.append(literals.get(names.size())).toString();
    }

    /**
     * Response headers for the page: not cached (it carries the token in its URL and its content changes), no
     * Referer leaking the token, not indexed, and a CSP that allows only this template's inline script and style.
     */
    public Map<String, String> headers() {
        return Map.of(
                "Content-Type", "text/html; charset=utf-8",
                "Cache-Control", "no-store",
                "Referrer-Policy", "no-referrer",
                "X-Content-Type-Options", "nosniff",
                "X-Robots-Tag", "noindex, nofollow",
                "Content-Security-Policy", contentSecurityPolicy);
    }

    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** Escapes text for HTML element content and for single- or double-quoted attribute values. */
    public static String escapeHtml(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (entity != null) {
                    out.append(entity);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static String contentSecurityPolicy(String template) {
        return "default-src 'none'; "
                + "script-src " + hashOfOnly(SCRIPT, template, "<script>") + "; "
                + "style-src " + hashOfOnly(STYLE, template, "<style>") + "; "
                + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static String hashOfOnly(Pattern element, String template, String what) {
        Matcher matcher = element.matcher(template);
        if (!matcher.find()) {
            throw new IllegalArgumentException("the return page needs exactly one " + what + " element");
        }
        String content = matcher.group(1);
        if (matcher.find()) {
            throw new IllegalArgumentException("the return page needs exactly one " + what + " element");
        }
        return "'sha256-" + Base64.getEncoder().encodeToString(Sha256.of(content)) + "'";
    }
}
