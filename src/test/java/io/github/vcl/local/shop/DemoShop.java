package io.github.vcl.local.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A demo web shop and a staff screen, for trying the backend locally. Local-only.
 *
 * <p>It plays the merchant's own shop <em>server</em>: the browser only posts a cart to this server, which calls
 * {@code POST /checkout/sessions} with the shop API key (the key never reaches a browser) and sends the browser on to
 * the {@code redirectUrl} it gets back (a Vipps Checkout session or a Vipps MobilePay payment, as the customer chose
 * at the cart). After the customer acts on the Vipps MobilePay page, Vipps sends the
 * browser to the backend's own return page.
 *
 * <p>The staff screen shows one order — from the support route {@code GET /orders/{reference}} (status, amounts,
 * history) when the build has it, otherwise from the shop's status route {@code GET /checkout/sessions/{reference}}
 * — and has capture / refund / cancel buttons that call {@code POST /orders/{reference}/capture|refund|cancel} with a
 * staff key held here, showing any refusal in plain words.
 */
public final class DemoShop implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STAFF_ORDER = Pattern.compile("/staff/orders/([^/]+)");
    private static final Pattern STAFF_ACTION = Pattern.compile("/staff/orders/([^/]+)/(capture|refund|cancel)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** An item for sale; prices in øre (minor units), tax rate in hundredths of a percent. */
    public record Product(String id, String name, String description, long unitPrice, int taxRate) {
    }

    public static final List<Product> PRODUCTS = List.of(
            new Product("coffee-1kg", "Coffee beans, 1 kg", "Light roast from Oslo", 34900, 1500),
            new Product("mug", "Enamel mug", "Orange, 350 ml", 12900, 2500),
            new Product("tote", "Tote bag", "Organic cotton", 19900, 2500));

    private record PlacedOrder(String reference, String shopOrderId, long amount, Instant at) {
    }

    private record Flash(boolean ok, String text) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final URI api;
    private final String shopKey;
    private final String staffKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<PlacedOrder> orders = new CopyOnWriteArrayList<>();
    private final Map<String, Flash> flashes = new ConcurrentHashMap<>();

    private DemoShop(HttpServer server, URI api, String shopKey, String staffKey) {
        this.server = server;
        this.api = api;
        this.shopKey = shopKey;
        this.staffKey = staffKey;
        threads = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "demo-shop");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /**
     * @param api      the HTTP API's base URL (ending in {@code /})
     * @param shopKey  the shop server's API key ({@code vcl.shop-api-key})
     * @param staffKey a staff member's API key with operations and support rights
     */
    public static DemoShop start(int port, URI api, String shopKey, String staffKey) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        DemoShop shop = new DemoShop(server, api, shopKey, staffKey);
        server.start();
        return shop;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            Matcher action = STAFF_ACTION.matcher(path);
            Matcher order = STAFF_ORDER.matcher(path);
            if ("GET".equals(method) && path.equals("/")) {
                html(exchange, 200, shopPage(null));
            } else if ("POST".equals(method) && path.equals("/checkout")) {
                checkout(exchange);
            } else if ("POST".equals(method) && action.matches()) {
                operation(exchange, decode(action.group(1)), action.group(2));
            } else if ("GET".equals(method) && order.matches()) {
                html(exchange, 200, staffPage(decode(order.group(1)), query(exchange).get("flash")));
            } else {
                html(exchange, 404, page("Not found", "<p>There is no page here. <a href=\"/\">Back to the shop</a>"
                        + "</p>"));
            }
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(DemoShop.class.getName()).log(java.util.logging.Level.WARNING,
                    "demo shop failure", e);
            html(exchange, 500, page("Error", "<p class=\"error\">The demo shop failed: " + esc(String.valueOf(
                    e.getMessage())) + "</p><p><a href=\"/\">Back to the shop</a></p>"));
        }
    }

    // ---- shop ------------------------------------------------------------------------------------------------------

    private String shopPage(String error) {
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"lead\">A demo shop on your laptop: the backend's functions, a local DynamoDB and a "
                + "Vipps MobilePay simulator. No real money moves.</p>");
        if (error != null) {
            body.append("<p class=\"error\" id=\"shop-error\">").append(esc(error)).append("</p>");
        }
        body.append("<form method=\"post\" action=\"/checkout\" id=\"cart\">")
                .append("<input type=\"hidden\" name=\"idempotencyKey\" value=\"").append(UUID.randomUUID())
                .append("\">").append("<ul class=\"products\">");
        for (Product p : PRODUCTS) {
            body.append("<li><div><strong>").append(esc(p.name())).append("</strong><br><span class=\"muted\">")
                    .append(esc(p.description())).append("</span></div><div class=\"price\">")
                    .append(kroner(p.unitPrice())).append("</div><label>Qty <input type=\"number\" min=\"0\" "
                            + "max=\"20\" name=\"qty-").append(p.id()).append("\" id=\"qty-").append(p.id())
                    .append("\" value=\"").append(p == PRODUCTS.get(0) ? 1 : 0).append("\"></label></li>");
        }
        body.append("</ul><p class=\"muted\">Free shipping.</p>")
                .append("<fieldset class=\"flow\"><legend>Pay with</legend>")
                .append("<label><input type=\"radio\" name=\"flow\" value=\"checkout\" id=\"flow-checkout\" checked> ")
                .append("Vipps Checkout <span class=\"muted\">(address and payment in one page)</span></label>")
                .append("<label><input type=\"radio\" name=\"flow\" value=\"epayment\" id=\"flow-epayment\"> ")
                .append("Vipps MobilePay <span class=\"muted\">(the app or its landing page)</span></label>")
                .append("</fieldset>")
                .append("<button type=\"submit\" class=\"vipps\" id=\"pay\">Pay with <b>Vipps MobilePay</b></button>")
                .append("</form>");
        if (!orders.isEmpty()) {
            body.append("<h2>Orders placed here</h2><table><tr><th>Time</th><th>Reference</th><th>Amount</th>"
                    + "<th></th></tr>");
            List<PlacedOrder> newestFirst = new ArrayList<>(orders);
            java.util.Collections.reverse(newestFirst);
            for (PlacedOrder o : newestFirst) {
                body.append("<tr><td>").append(TIME.format(o.at())).append("</td><td><code>").append(esc(o.reference()))
                        .append("</code></td><td>").append(kroner(o.amount())).append("</td><td><a href=\"")
                        .append(staffPath(o.reference())).append("\">Staff view</a></td></tr>");
            }
            body.append("</table>");
        }
        return page("Demo shop", body.toString());
    }

    private void checkout(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        String shopOrderId = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode cart = JSON.createObjectNode();
        cart.put("shopOrderId", shopOrderId);
        cart.put("currency", "NOK");
        cart.put("paymentDescription", "Demo shop order " + shopOrderId);
        cart.put("flow", "epayment".equals(form.get("flow")) ? "epayment" : "checkout");
        ArrayNode lines = cart.putArray("lines");
        long total = 0;
        for (Product p : PRODUCTS) {
            int quantity;
            try {
                quantity = Integer.parseInt(form.getOrDefault("qty-" + p.id(), "0").trim());
            } catch (NumberFormatException e) {
                quantity = -1;
            }
            if (quantity < 0 || quantity > 20) {
                html(exchange, 400, shopPage("Quantities must be whole numbers from 0 to 20."));
                return;
            }
            if (quantity > 0) {
                lines.addObject().put("id", p.id()).put("name", p.name()).put("quantity", quantity)
                        .put("unitPrice", p.unitPrice()).put("taxRate", p.taxRate());
                total += quantity * p.unitPrice();
            }
        }
        if (lines.isEmpty()) {
            html(exchange, 400, shopPage("Your cart is empty: choose at least one item."));
            return;
        }
        String idempotencyKey = form.getOrDefault("idempotencyKey", UUID.randomUUID().toString());
        HttpResponse<String> response = send(HttpRequest.newBuilder(api.resolve("checkout/sessions"))
                .header("Authorization", "Bearer " + shopKey)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(cart.toString())));
        if (response == null || response.statusCode() != 201) {
            html(exchange, 502, shopPage("We could not start the payment. " + explain(response,
                    "POST /checkout/sessions", "initiate", "Nothing was charged.")));
            return;
        }
        JsonNode started = JSON.readTree(response.body());
        orders.add(new PlacedOrder(started.path("reference").asText(), shopOrderId, total, Instant.now()));
        // Sent on unchanged, never in an iFrame (ePayment's rule; Checkout's page works the same way here).
        redirect(exchange, started.path("redirectUrl").asText());
    }

    // ---- staff -----------------------------------------------------------------------------------------------------

    private String staffPage(String reference, String flashId) {
        StringBuilder body = new StringBuilder("<p><a href=\"/\">← Shop</a></p>");
        Flash flash = flashId == null ? null : flashes.remove(flashId);
        if (flash != null) {
            body.append("<p class=\"").append(flash.ok() ? "ok" : "error").append("\" id=\"message\">")
                    .append(esc(flash.text())).append("</p>");
        }
        String encoded = URLEncoder.encode(reference, StandardCharsets.UTF_8);
        HttpResponse<String> support = send(HttpRequest.newBuilder(api.resolve("orders/" + encoded))
                .header("Authorization", "Bearer " + staffKey).GET());
        JsonNode order = null;
        String source;
        if (support != null && support.statusCode() == 200) {
            order = readJson(support.body());
            source = "support route GET /orders/{reference}";
        } else {
            String why = explain(support, "GET /orders/{reference}", "support", "");
            HttpResponse<String> status = send(HttpRequest.newBuilder(api.resolve("checkout/sessions/" + encoded))
                    .header("Authorization", "Bearer " + shopKey).GET());
            if (status != null && status.statusCode() == 200) {
                order = readJson(status.body());
            }
            source = "shop status route GET /checkout/sessions/{reference} — no history here, because the support "
                    + "route could not be used: " + why;
            if (order == null) {
                body.append("<p class=\"error\" id=\"lookup-error\">We could not look up order ")
                        .append(esc(reference)).append(". ").append(esc(explain(status,
                                "GET /checkout/sessions/{reference}", "status", ""))).append("</p>");
                return page("Order " + reference, body.toString());
            }
        }
        body.append("<dl class=\"order\">");
        field(body, "Reference", text(order, "reference"), "reference");
        field(body, "Shop order", text(order, "shopOrderId"), "shop-order");
        field(body, "Status", firstText(order, "statusText", "status"), "status");
        field(body, "Paid with", "epayment".equals(text(order, "flow")) ? "Vipps MobilePay (ePayment)"
                : "checkout".equals(text(order, "flow")) ? "Vipps Checkout" : null, "flow");
        field(body, "Payment", text(order, "paymentState"), "payment-state");
        field(body, "Session at Vipps", text(order, "sessionState"), "session-state");
        JsonNode amounts = order.path("amounts");
        String currency = text(order, "currency");
        if (order.has("amount")) {
            field(body, "Order amount", money(order.path("amount"), currency), "amount");
        }
        for (String name : List.of("authorized", "captured", "refunded", "cancelled")) {
            if (amounts.has(name)) {
                field(body, name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1),
                        money(amounts.path(name), currency), name);
            }
        }
        body.append("</dl><p class=\"muted small\" id=\"source\">From the ").append(esc(source)).append("</p>");
        possibleActions(body, order.path("possibleActions"), currency);
        JsonNode lastError = order.path("lastVippsError");
        if (lastError.isObject()) {
            body.append("<p class=\"error\" id=\"last-vipps-error\">Last error from Vipps MobilePay: ")
                    .append(esc(firstText(lastError, "message", "code"))).append(" (HTTP ")
                    .append(esc(text(lastError, "httpStatus"))).append(")</p>");
        }
        history(body, order.path("history"));
        operations(body, reference);
        return page("Order " + reference, body.toString());
    }

    private static void field(StringBuilder body, String label, String value, String id) {
        if (value != null && !value.isEmpty()) {
            body.append("<dt>").append(esc(label)).append("</dt><dd id=\"").append(id).append("\">")
                    .append(esc(value)).append("</dd>");
        }
    }

    /** What staff may do now (support route), with the limit or the reason why not. */
    private static void possibleActions(StringBuilder body, JsonNode actions, String currency) {
        if (!actions.isArray() || actions.isEmpty()) {
            return;
        }
        body.append("<ul id=\"possible-actions\">");
        for (JsonNode a : actions) {
            String type = firstText(a, "type").toLowerCase(Locale.ROOT);
            body.append("<li>").append(esc(type)).append(": ");
            if (a.path("possible").asBoolean(false)) {
                body.append(a.hasNonNull("maximum") ? "up to " + esc(money(a.path("maximum"), currency)) : "possible");
            } else {
                body.append("not possible — ").append(esc(firstText(a, "refusal")));
            }
            body.append("</li>");
        }
        body.append("</ul>");
    }

    private static void history(StringBuilder body, JsonNode history) {
        if (!history.isArray() || history.isEmpty()) {
            return;
        }
        Set<String> columns = new LinkedHashSet<>();
        history.forEach(entry -> entry.fieldNames().forEachRemaining(columns::add));
        body.append("<h2>History</h2><table id=\"history\"><tr>");
        columns.forEach(c -> body.append("<th>").append(esc(c)).append("</th>"));
        body.append("</tr>");
        for (JsonNode entry : history) {
            body.append("<tr>");
            for (String c : columns) {
                JsonNode v = entry.path(c);
                body.append("<td>").append(esc(v.isMissingNode() || v.isNull() ? "" : v.isValueNode() ? v.asText()
                        : v.toString())).append("</td>");
            }
            body.append("</tr>");
        }
        body.append("</table>");
    }

    private static void operations(StringBuilder body, String reference) {
        String base = staffPath(reference);
        body.append("<h2>Staff actions</h2><div class=\"actions\">");
        for (String op : List.of("capture", "refund", "cancel")) {
            body.append("<form method=\"post\" autocomplete=\"off\" action=\"").append(base).append("/").append(op)
                    .append("\" id=\"").append(op)
                    .append("-form\"><input type=\"hidden\" name=\"idempotencyKey\" value=\"")
                    .append(UUID.randomUUID()).append("\">");
            if (!"cancel".equals(op)) {
                body.append("<label>Amount (kr) <input name=\"amount\" id=\"").append(op)
                        .append("-amount\" inputmode=\"decimal\" placeholder=\"all that is left\"></label>");
            }
            body.append("<label>Reason <input name=\"reason\" id=\"").append(op).append("-reason\"></label>")
                    .append("<button type=\"submit\" id=\"").append(op).append("\">")
                    .append(op.substring(0, 1).toUpperCase(Locale.ROOT)).append(op.substring(1))
                    .append("</button></form>");
        }
        body.append("</div>");
    }

    private void operation(HttpExchange exchange, String reference, String op) throws IOException {
        Map<String, String> form = form(exchange);
        ObjectNode request = JSON.createObjectNode();
        String amount = form.getOrDefault("amount", "").trim().replace(',', '.');
        if (!amount.isEmpty()) {
            try {
                BigDecimal kroner = new BigDecimal(amount);
                if (kroner.signum() <= 0 || kroner.scale() > 2) {
                    throw new NumberFormatException();
                }
                request.put("amount", kroner.movePointRight(2).longValueExact());
            } catch (NumberFormatException | ArithmeticException e) {
                flashId(exchange, reference, new Flash(false, "“" + amount + "” is not an amount in kroner (for "
                        + "example 120 or 120.50). Nothing was sent."));
                return;
            }
        }
        String reason = form.getOrDefault("reason", "").trim();
        if (!reason.isEmpty()) {
            request.put("reason", reason);
        }
        String path = "orders/" + URLEncoder.encode(reference, StandardCharsets.UTF_8) + "/" + op;
        HttpResponse<String> response = send(HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + staffKey)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", form.getOrDefault("idempotencyKey", UUID.randomUUID().toString()))
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
        String verb = switch (op) {
            case "capture" -> "capture";
            case "refund" -> "refund";
            default -> "cancel";
        };
        Flash flash;
        if (response != null && response.statusCode() / 100 == 2) {
            String noun = op.substring(0, 1).toUpperCase(Locale.ROOT) + op.substring(1);
            String said = text(readJson(response.body()), "message");
            flash = new Flash(true, (response.statusCode() == 202
                    ? noun + " recorded; Vipps MobilePay has not confirmed it yet (the reconciler finishes it)."
                    : noun + " done.") + (said == null || said.isBlank() ? "" : " " + said));
        } else {
            flash = new Flash(false, "Could not " + verb + ". " + explain(response, "POST /orders/{reference}/" + op,
                    "operations", "Nothing was " + switch (op) {
                        case "capture" -> "captured.";
                        case "refund" -> "refunded.";
                        default -> "cancelled.";
                    }));
        }
        flashId(exchange, reference, flash);
    }

    /** Keeps the outcome for the next view of the order and redirects there (so a reload does not resend). */
    private void flashId(HttpExchange exchange, String reference, Flash flash) throws IOException {
        if (flashes.size() > 1000) {
            flashes.clear();
        }
        String id = UUID.randomUUID().toString();
        flashes.put(id, flash);
        redirect(exchange, staffPath(reference) + "?flash=" + id);
    }

    /** A failed call to the HTTP API, said in plain words. */
    private static String explain(HttpResponse<String> response, String route, String function, String nothing) {
        String tail = nothing.isEmpty() ? "" : " " + nothing;
        if (response == null) {
            return "The backend's HTTP API did not answer (is the local run still going?)." + tail;
        }
        int status = response.statusCode();
        JsonNode body = readJson(response.body());
        String contentType = response.headers().firstValue("content-type").orElse("");
        if (status == 404 && !contentType.contains("problem") && "Not Found".equals(text(body, "message"))) {
            return "This build of the backend has no " + route + " route (the " + function
                    + " function is not part of it yet)." + tail;
        }
        if (status == 503) {
            return "The " + function + " function is not available right now (" + firstText(body, "message", "detail")
                    + ")." + tail;
        }
        if (contentType.contains("problem")) {
            StringBuilder out = new StringBuilder();
            out.append(firstText(body, "title", "detail"));
            String detail = text(body, "detail");
            if (detail != null && !detail.isEmpty()) {
                out.append(": ").append(detail);
            }
            JsonNode errors = body.path("errors");
            if (errors.isArray()) {
                for (JsonNode e : errors) {
                    out.append(" ").append(text(e, "field")).append(" ").append(text(e, "message")).append(".");
                }
            }
            if (body.hasNonNull("traceId")) {
                out.append(" (Vipps trace id ").append(body.path("traceId").asText()).append(")");
            }
            out.append(" [HTTP ").append(status).append("]");
            return out + (status >= 500 ? tail : "");
        }
        if (status == 401 || status == 403) {
            return "The backend refused our key (HTTP " + status + ")." + tail;
        }
        return "The backend answered HTTP " + status + (status >= 500 ? ": something went wrong on the server." : ".")
                + tail;
    }

    // ---- plumbing --------------------------------------------------------------------------------------------------

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static JsonNode readJson(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.path(name);
        return v.isValueNode() ? v.asText() : null;
    }

    private static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            String v = text(node, name);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    private static String money(JsonNode minor, String currency) {
        if (!minor.canConvertToLong()) {
            return minor.asText();
        }
        return BigDecimal.valueOf(minor.asLong(), 2).toPlainString() + " " + (currency == null ? "" : currency);
    }

    private static String kroner(long minor) {
        return "kr " + BigDecimal.valueOf(minor, 2).toPlainString().replace('.', ',');
    }

    private static String staffPath(String reference) {
        return "/staff/orders/" + URLEncoder.encode(reference, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        return parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        return raw == null ? Map.of() : parse(raw);
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            values.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return values;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }

    private static void html(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                + "form-action 'self' http://127.0.0.1:*; base-uri 'none'; frame-ancestors 'none'");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String esc(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (Iterator<Integer> it = value.codePoints().iterator(); it.hasNext(); ) {
            int c = it.next();
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · vipps-checkout-lambda demo</title>
                <style>
                  :root { --vipps: #FF5B24; --ink: #1f1f1f; --muted: #6b6b6b; --line: #e6e6e6; }
                  * { box-sizing: border-box; }
                  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
                         color: var(--ink); background: #fafafa; }
                  header { background: #fff; border-bottom: 1px solid var(--line); padding: 1rem 1.5rem; }
                  header b { color: var(--vipps); }
                  main { max-width: 46rem; margin: 0 auto; padding: 1.5rem; }
                  h1 { font-size: 1.5rem; margin: 0 0 1rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
                  .lead, .muted { color: var(--muted); } .small { font-size: .85rem; }
                  ul.products { list-style: none; padding: 0; margin: 0 0 1rem; }
                  ul.products li { display: flex; gap: 1rem; align-items: center; justify-content: space-between;
                         background: #fff; border: 1px solid var(--line); border-radius: .75rem; padding: .9rem 1rem;
                         margin-bottom: .6rem; }
                  ul.products input { width: 4rem; padding: .3rem; }
                  .price { font-weight: 600; white-space: nowrap; }
                  button { font: inherit; cursor: pointer; border-radius: .5rem; border: 1px solid var(--ink);
                           background: #fff; padding: .5rem 1rem; }
                  button.vipps { background: var(--vipps); color: #fff; border: 0; border-radius: 2rem;
                           padding: .85rem 1.6rem; font-size: 1.05rem; min-height: 44px; width: 100%%; }
                  button.vipps:hover { filter: brightness(.95); }
                  table { border-collapse: collapse; width: 100%%; background: #fff; font-size: .9rem; }
                  th, td { text-align: left; border-bottom: 1px solid var(--line); padding: .45rem .5rem;
                           vertical-align: top; }
                  dl.order { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem;
                           background: #fff; border: 1px solid var(--line); border-radius: .75rem; padding: 1rem; }
                  dt { color: var(--muted); } dd { margin: 0; font-weight: 600; }
                  .actions { display: grid; gap: .75rem; }
                  .actions form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; background: #fff;
                           border: 1px solid var(--line); border-radius: .75rem; padding: .75rem; }
                  .actions label { display: grid; font-size: .85rem; color: var(--muted); }
                  .actions input { padding: .35rem; font: inherit; }
                  .error { background: #fdecea; color: #8a1c12; border-radius: .5rem; padding: .75rem 1rem; }
                  .ok { background: #e7f6ec; color: #145c2c; border-radius: .5rem; padding: .75rem 1rem; }
                  code { font-size: .85rem; }
                </style>
                </head>
                <body>
                <header>Demo shop · payments by <b>Vipps MobilePay</b> (simulated)</header>
                <main>
                <h1>%s</h1>
                %s
                </main>
                </body>
                </html>
                """.formatted(esc(title), esc(title), body);
    }
}
