package io.github.vcl.local.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.vcl.function.ReturnPage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two customer-facing return routes on a loopback port, for browser tests until the real functions serve them:
 * {@code GET /return/{reference}?t={token}} renders {@link ReturnPage} (with its headers, CSP included) and
 * {@code GET /return/{reference}/status?t={token}} answers from a {@link StatusSource}. The page polls the relative
 * URL {@code {reference}/status?t={token}}, as the real backend should.
 */
public final class ReturnPageServer implements AutoCloseable {
    private static final Pattern PAGE = Pattern.compile("/return/([^/]+)");
    private static final Pattern STATUS = Pattern.compile("/return/([^/]+)/status");
    private static final String GIVE_UP_ATTRIBUTE = "data-give-up-after-seconds=\"120\"";

    /** What the status route answers; the end-to-end test will plug the real order status in here. */
    @FunctionalInterface
    public interface StatusSource {
        StatusReply status(String reference, String token);
    }

    /** An HTTP answer of the status route. */
    public record StatusReply(int httpStatus, String json, Map<String, String> headers) {
        /** The status contract: {@code {"reference","outcome","final","retryAfterSeconds"}}. */
        public static StatusReply of(String reference, String outcome, boolean isFinal, int retryAfterSeconds) {
            return new StatusReply(200, "{\"reference\":\"" + reference + "\",\"outcome\":\"" + outcome
                    + "\",\"final\":" + isFinal + ",\"retryAfterSeconds\":" + retryAfterSeconds + "}", Map.of());
        }

        public static StatusReply error(int httpStatus) {
            return new StatusReply(httpStatus, "{\"title\":\"error " + httpStatus + "\"}", Map.of());
        }

        public StatusReply withHeader(String name, String value) {
            return new StatusReply(httpStatus, json, Map.of(name, value));
        }
    }

    private final HttpServer server;
    private final StatusSource statuses;
    private final ReturnPage page = ReturnPage.standard();
    private volatile int giveUpAfterSeconds = 120;

    private ReturnPageServer(HttpServer server, StatusSource statuses) {
        this.server = server;
        this.statuses = statuses;
    }

    public static ReturnPageServer start(StatusSource statuses) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ReturnPageServer routes = new ReturnPageServer(server, statuses);
            server.createContext("/return/", routes::handle);
            server.start();
            return routes;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the return page server", e);
        }
    }

    /** The customer's return URL for an order, as Vipps MobilePay would redirect to it. */
    public URI returnUrl(String reference, String token) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/return/" + reference + "?t="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** Shortens the page's give-up time (120 s in the template) for tests of that path. */
    public void giveUpAfterSeconds(int seconds) {
        this.giveUpAfterSeconds = seconds;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "GET only", Map.of());
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String token = query(exchange.getRequestURI().getRawQuery(), "t");
            Matcher status = STATUS.matcher(path);
            Matcher page = PAGE.matcher(path);
            if (status.matches()) {
                StatusReply reply = statuses.status(status.group(1), token);
                send(exchange, reply.httpStatus(), "application/json", reply.json(),
                        withNoStore(reply.headers()));
            } else if (page.matches()) {
                String reference = page.group(1);
                String statusUrl = reference + "/status?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
                send(exchange, 200, null, renderPage(reference, statusUrl), this.page.headers());
            } else {
                send(exchange, 404, "text/plain", "not found", Map.of());
            }
        }
    }

    private String renderPage(String reference, String statusUrl) {
        String html = page.render(reference, statusUrl);
        if (giveUpAfterSeconds == 120) {
            return html;
        }
        if (!html.contains(GIVE_UP_ATTRIBUTE)) {
            throw new IllegalStateException("the template no longer has " + GIVE_UP_ATTRIBUTE);
        }
        return html.replace(GIVE_UP_ATTRIBUTE, "data-give-up-after-seconds=\"" + giveUpAfterSeconds + "\"");
    }

    private static Map<String, String> withNoStore(Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Cache-Control", "no-store");
        return all;
    }

    private static void send(HttpExchange exchange, int code, String contentType, String body,
                             Map<String, String> headers) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String query(String rawQuery, String name) {
        if (rawQuery == null) {
            return "";
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
