package io.github.vcl.function;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReturnPageTest {
    private static final String REFERENCE = "ACME-261125-K7QX2MZD-1";
    private static final String STATUS_URL = REFERENCE + "/status?t=q1w2-e3_r4";

    @Test
    void rendersReferenceAsTextAndStatusUrlAsAttribute() {
        String html = ReturnPage.standard().render(REFERENCE, STATUS_URL);

        assertTrue(html.contains("<span id=\"reference\">" + REFERENCE + "</span>"), html);
        assertTrue(html.contains("data-status-url=\"" + STATUS_URL + "\""), html);
        assertFalse(html.contains("{{"), "no placeholder left");
        assertTrue(html.startsWith("<!DOCTYPE html>"));
    }

    @Test
    void templateIsLoadedOnce() {
        assertSame(ReturnPage.standard(), ReturnPage.standard());
    }

    @Test
    void pageIsSelfContainedAndBilingual() {
        String html = ReturnPage.standard().render(REFERENCE, STATUS_URL);

        for (String id : new String[]{"outcome", "message-nb", "message-en", "detail-nb", "detail-en", "reference",
                "reload"}) {
            assertTrue(html.contains("id=\"" + id + "\""), "stable id " + id);
        }
        for (String text : new String[]{"Vi sjekker betalingen din …", "Checking your payment …",
                "Betalingen er godkjent", "Payment approved", "Betalingen ble avbrutt", "Payment cancelled",
                "Betalingen utløp", "Payment expired", "Vipps MobilePay", "We could not find this payment"}) {
            assertTrue(html.contains(text), text);
        }
        assertTrue(html.contains("<noscript><meta http-equiv=\"refresh\""), "reloads itself without JavaScript");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external assets");
        assertFalse(html.contains("document.cookie") || html.contains("localStorage")
                || html.contains("sessionStorage"), "no client-side state");
        assertTrue(html.toLowerCase().contains("#ff5b24"), "Vipps orange accent");
    }

    @Test
    void escapesEverythingThatCouldBreakOutOfTextOrAttribute() {
        String hostileReference = "<script>alert('x')</script>&";
        String hostileUrl = "\" onmouseover=\"alert(1)\" x='";

        String html = ReturnPage.standard().render(hostileReference, hostileUrl);

        assertTrue(html.contains("<span id=\"reference\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</span>"),
                html);
        assertTrue(html.contains("data-status-url=\"&quot; onmouseover=&quot;alert(1)&quot; x=&#39;\""), html);
        assertFalse(html.contains("onmouseover=\"alert"));
        assertEquals(1, count(html, "<script>"), "only the template's own script element");
    }

    @Test
    void substitutesInOnePass() {
        String html = ReturnPage.standard().render("{{statusUrl}}", "{{reference}}");

        assertTrue(html.contains("<span id=\"reference\">{{statusUrl}}</span>"));
        assertTrue(html.contains("data-status-url=\"{{reference}}\""));
    }

    @Test
    void escapeHtmlLeavesSafeTextAlone() {
        String safe = "ACME-261125-K7QX2MZD-1/status?t=abc_DEF-123";
        assertSame(safe, ReturnPage.escapeHtml(safe));
        assertEquals("a&amp;b&lt;c&gt;d&quot;e&#39;f", ReturnPage.escapeHtml("a&b<c>d\"e'f"));
        assertEquals("", ReturnPage.escapeHtml(""));
    }

    @Test
    void rejectsNullValues() {
        assertThrows(NullPointerException.class, () -> ReturnPage.standard().render(null, STATUS_URL));
        assertThrows(NullPointerException.class, () -> ReturnPage.standard().render(REFERENCE, null));
    }

    @Test
    void rejectsTemplatesThatWouldNeedOtherEscaping() {
        String ok = "<style>p{}</style><p>{{reference}}</p><b data-x=\"{{statusUrl}}\"></b><script>go()</script>";
        ReturnPage.of(ok);

        assertThrows(IllegalArgumentException.class, () -> ReturnPage.of(
                ok.replace("go()", "go('{{statusUrl}}')")), "placeholder in a script");
        assertThrows(IllegalArgumentException.class, () -> ReturnPage.of(
                ok.replace("p{}", "p{content:'{{reference}}'}")), "placeholder in a style");
        assertThrows(IllegalArgumentException.class, () -> ReturnPage.of(ok + "{{token}}"), "unknown name");
        assertThrows(IllegalArgumentException.class, () -> ReturnPage.of(ok + "{{ reference }}"), "malformed");
        assertThrows(IllegalArgumentException.class, () -> ReturnPage.of(
                ok.replace("{{statusUrl}}", "")), "every placeholder is used");
        assertThrows(IllegalArgumentException.class, () -> ReturnPage.of(ok + "<script>x()</script>"),
                "one script only, so the CSP hash covers all of it");
    }

    @Test
    void headersForbidCachingReferrerAndForeignCode() throws Exception {
        ReturnPage page = ReturnPage.standard();
        String html = page.render(REFERENCE, STATUS_URL);

        assertEquals("no-store", page.headers().get("Cache-Control"));
        assertEquals("no-referrer", page.headers().get("Referrer-Policy"));
        assertEquals("text/html; charset=utf-8", page.headers().get("Content-Type"));
        String csp = page.headers().get("Content-Security-Policy");
        assertTrue(csp.startsWith("default-src 'none'; "), csp);
        assertTrue(csp.contains("connect-src 'self'"), csp);
        assertTrue(csp.contains("script-src '" + sha256Of(html, "script") + "'"), csp);
        assertTrue(csp.contains("style-src '" + sha256Of(html, "style") + "'"), csp);
        assertFalse(csp.contains("unsafe"), csp);
    }

    private static String sha256Of(String html, String element) throws Exception {
        Matcher m = Pattern.compile("<" + element + ">(.*?)</" + element + ">", Pattern.DOTALL).matcher(html);
        assertTrue(m.find());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
        return "sha256-" + Base64.getEncoder().encodeToString(digest);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
