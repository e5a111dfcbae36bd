package io.github.vcl.chaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.epayment.PaymentSnapshot;
import io.github.vcl.local.simulator.epayment.Portal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Everyone who touches one shop order, played from one seeded {@link Random}: the shop server starts the payment
 * (retrying lost answers with the same Idempotency-Key and body, sometimes sending a request twice at once, sometimes
 * starting a second attempt while the first is open), the customer approves, rejects, abandons, approves after our
 * session lifetime or does nothing, the shop and staff capture, refund and cancel (partly, fully, at the same time,
 * sometimes re-using a key with another body, which must be refused), and staff act in the Vipps portal.
 */
final class OrderActor implements Runnable {
    private static final int MAX_SENDS = 8;
    /** A client gives up on an intent after this long (it asks again once the faults stopped). */
    private static final Duration GIVE_UP = Duration.ofSeconds(75);
    private static final double LOSE_ANSWER = 0.08;

    enum Choice { APPROVE, REJECT, ABANDON, APPROVE_LATE, IGNORE }

    private final ChaosRun run;
    private final ChaosSettings settings;
    private final Journal journal;
    private final int index;
    private final Random random;
    private final String shopOrderId;
    private final long amount;
    private final String cart;
    /** {@code checkout} or {@code epayment}: how the customer pays. */
    private final String flow;
    private final Journal.ShopOrder order;
    private final java.util.concurrent.atomic.AtomicInteger keys = new java.util.concurrent.atomic.AtomicInteger();

    OrderActor(ChaosRun run, int index) {
        this.run = run;
        this.settings = run.settings();
        this.journal = run.journal();
        this.index = index;
        this.random = new Random(Seeds.mix(settings.seed(), 1, index, 0));
        this.shopOrderId = "chaos-" + Long.toString(settings.seed(), 36) + "-" + index;
        this.flow = random.nextDouble() < settings.epaymentShare() ? "epayment" : "checkout";
        ObjectNode body = Api.JSON.createObjectNode();
        body.put("shopOrderId", shopOrderId).put("currency", "NOK").put("flow", flow)
                .put("paymentDescription", "Chaos order " + shopOrderId);
        ArrayNode lines = body.putArray("lines");
        long total = 0;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            int quantity = 1 + random.nextInt(3);
            long unitPrice = 100 * (5 + random.nextInt(500));
            lines.addObject().put("id", "sku-" + i).put("name", "Chaos item " + i).put("quantity", quantity)
                    .put("unitPrice", unitPrice).put("taxRate", 2500);
            total += quantity * unitPrice;
        }
        this.amount = total;
        this.cart = body.toString();
        this.order = new Journal.ShopOrder(index, shopOrderId, amount);
    }

    @Override
    public void run() {
        journal.orders.put(index, order);
        journal.count("flow: " + flow);
        try {
            ChaosRun.sleepQuietly(Duration.ofMillis((long) (random.nextDouble() * settings.ramp().toMillis())));
            shopAndCustomer();
        } catch (RuntimeException e) {
            journal.count("actor failures");
            System.err.println("[chaos] actor " + shopOrderId + " failed: " + e);
            e.printStackTrace();
        }
    }

    // ---- shop server and customer -----------------------------------------------------------------------------

    private void shopAndCustomer() {
        Journal.Intent first = initiate(cart, random.nextDouble() < 0.06);
        String reference = reference(first);
        if (reference == null && random.nextBoolean()) {
            // no payment came of it: the shop starts over with a new key, as a refused or unanswered request asks
            journal.count("new attempts after an initiate without 201");
            first = initiate(cart, false);
            reference = reference(first);
        }
        if (reference == null) {
            return;
        }
        order.current = reference;
        if (random.nextDouble() < 0.05) {
            misuse(first, () -> cartWithDifferentAmount(), random);
        }
        boolean approvedFirst = false;
        if (random.nextDouble() < 0.12) {
            // A second attempt while the first is open; the customer may be approving the first at that moment.
            CompletableFuture<Boolean> racing = null;
            if (random.nextBoolean()) {
                String first1 = reference;
                Random other = new Random(random.nextLong());
                racing = CompletableFuture.supplyAsync(() -> {
                    ChaosRun.sleepQuietly(Duration.ofMillis(other.nextInt(1500)));
                    return customer(first1, Choice.APPROVE, other);
                }, run.helpers());
            }
            ChaosRun.sleepQuietly(Duration.ofMillis(200 + random.nextInt(1800)));
            journal.count("second attempts");
            Journal.Intent again = initiate(cart, false);
            approvedFirst = racing != null && racing.join();
            String second = reference(again);
            if (second != null) {
                reference = second;
                order.current = second;
            }
        }
        if (approvedFirst && reference.equals(order.references.get(0))) {
            operations(reference);
            return;
        }
        Choice choice = choice();
        if (customer(reference, choice, random)) {
            operations(reference);
        }
    }

    private Journal.Intent initiate(String body, boolean twiceAtOnce) {
        Journal.Intent intent = journal.record(new Journal.Intent(key("i", random), index, "initiate", null, null,
                "shop", body, null));
        run.kills().offerInitiate(random, shopOrderId, flow.equals("epayment") ? Operation.CREATE_PAYMENT
                : Operation.CREATE_SESSION);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + run.world().system.shopKey(),
                "Idempotency-Key", intent.key);
        if (twiceAtOnce) {
            journal.count("same-key requests sent concurrently");
            Random other = new Random(random.nextLong());
            CompletableFuture<Void> twin = CompletableFuture.runAsync(() -> sendUntilAnswered(intent, other,
                    () -> run.world().api.post("checkout/sessions", headers, body, timeout(other))), run.helpers());
            sendUntilAnswered(intent, random, () -> run.world().api.post("checkout/sessions", headers, body,
                    timeout(random)));
            twin.join();
        } else {
            sendUntilAnswered(intent, random, () -> run.world().api.post("checkout/sessions", headers, body,
                    timeout(random)));
        }
        for (String reference : intent.references()) {
            if (!order.references.contains(reference)) {
                order.references.add(reference);
            }
        }
        return intent;
    }

    private static String reference(Journal.Intent intent) {
        List<String> references = intent.references();
        return references.isEmpty() ? null : references.get(0);
    }

    private Choice choice() {
        double draw = random.nextDouble();
        return draw < 0.58 ? Choice.APPROVE : draw < 0.68 ? Choice.REJECT : draw < 0.76 ? Choice.ABANDON
                : draw < 0.90 ? Choice.APPROVE_LATE : Choice.IGNORE;
    }

    /** The customer on the Vipps page; true when the payment was approved. */
    private boolean customer(String reference, Choice choice, Random random) {
        if (choice == Choice.IGNORE) {
            order.customer.put(reference, choice.name());
            return false;
        }
        Duration think = Duration.ofMillis(300 + random.nextInt(2700));
        var simulator = run.world().system.simulator();
        String page = simulator.baseUrl() + "/checkout-frontend/" + reference;
        if (choice == Choice.APPROVE_LATE) {
            // starts paying inside the session, approves after it ended, inside Vipps' payment window
            PaymentSnapshot before = simulator.payment(reference);
            run.world().api.open(page);
            PaymentSnapshot after = simulator.payment(reference);
            if (before != null && after != null) {
                Instant at = before.expiresAt().plusMillis(1000 + random.nextInt(4000));
                Instant latest = after.expiresAt().minusSeconds(3);
                think = Duration.between(Instant.now(), at.isAfter(latest) ? latest : at);
            }
            journal.count("late approvals");
        } else if (random.nextDouble() < 0.5) {
            run.world().api.open(page);
        }
        ChaosRun.sleepQuietly(think);
        String action = switch (choice) {
            case REJECT -> "reject";
            case ABANDON -> "abandon";
            default -> "approve";
        };
        Api.Reply reply = run.world().api.customer(reference, action);
        order.customer.put(reference, choice.name() + " → " + (reply.answered() ? reply.status() : "no answer"));
        if (!reply.answered() || reply.status() != 303) {
            return false;
        }
        returnPage(reply.location(), random);
        return !action.equals("reject") && !action.equals("abandon");
    }

    /** Back on our return page, which polls the status route until it is final. */
    private void returnPage(String returnUrl, Random random) {
        if (returnUrl == null) {
            return;
        }
        URI url = URI.create(returnUrl);
        String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        observe(run.world().api.get(path.substring(1), Map.of(), Duration.ofSeconds(10)), "GET /return/{reference}");
        String status = url.getRawPath() + "/status" + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        for (int poll = 0; poll < 1 + random.nextInt(3); poll++) {
            ChaosRun.sleepQuietly(Duration.ofMillis(700 + random.nextInt(800)));
            Api.Reply reply = run.world().api.get(status.substring(1), Map.of(), Duration.ofSeconds(10));
            observe(reply, "GET /return/{reference}/status");
            if (reply.answered() && reply.json().path("final").asBoolean(false)) {
                break;
            }
        }
    }

    // ---- shop and staff operations, and the portal -------------------------------------------------------------

    private void operations(String reference) {
        ChaosRun.sleepQuietly(Duration.ofMillis(500 + random.nextInt(3500)));
        if (random.nextDouble() < 0.15) {
            // staff look the order up first (support's detail view reads Vipps too)
            journal.count("staff detail views");
            observe(run.world().api.get("orders/" + reference, Map.of("Authorization", "Bearer "
                    + run.world().system.staffKey()), timeout(random)), "GET /orders/{reference}");
        }
        double plan = random.nextDouble();
        boolean portal = random.nextDouble() < 0.12;
        int portalAt = random.nextInt(3);
        if (portal && portalAt == 0) {
            portal(reference);
        }
        if (plan < 0.08) {
            journal.count("plan: leave authorized");
        } else if (plan < 0.35) {
            journal.count("plan: capture all");
            operation(reference, "capture", null, random.nextBoolean() ? "shop" : "staff");
        } else if (plan < 0.55) {
            journal.count("plan: partial captures");
            long part = part(amount, 0.3, 0.6);
            operation(reference, "capture", part, "shop");
            pause();
            operation(reference, "capture", random.nextBoolean() ? null : amount - part, "staff");
        } else if (plan < 0.78) {
            journal.count("plan: capture and refund");
            operation(reference, "capture", null, random.nextBoolean() ? "shop" : "staff");
            pause();
            if (portal && portalAt == 1) {
                portal(reference);
            }
            long refund = part(amount, 0.2, 0.5);
            operation(reference, "refund", refund, "staff");
            if (random.nextBoolean()) {
                pause();
                operation(reference, "refund", null, "staff");
            }
        } else if (plan < 0.88) {
            journal.count("plan: cancel");
            if (random.nextBoolean()) {
                operation(reference, "capture", part(amount, 0.2, 0.5), "staff");
                pause();
            }
            operation(reference, "cancel", null, random.nextBoolean() ? "shop" : "staff");
        } else {
            // shop and staff on one order at the same time
            journal.count("plan: concurrent shop and staff");
            long part = part(amount, 0.3, 0.6);
            Random other = new Random(random.nextLong());
            boolean staffCancels = random.nextDouble() < 0.3;
            CompletableFuture<Void> staff = CompletableFuture.runAsync(() -> {
                if (staffCancels) {
                    operation(reference, "cancel", null, "staff", other);
                } else {
                    operation(reference, "capture", amount - part, "staff", other);
                }
            }, run.helpers());
            operation(reference, "capture", part, "shop");
            staff.join();
        }
        if (portal && portalAt == 2) {
            pause();
            portal(reference);
        }
    }

    private void operation(String reference, String type, Long value, String actor) {
        operation(reference, type, value, actor, random);
    }

    /**
     * One intended operation; when refused as not possible now (409: e.g. our record does not know of the approval
     * yet, or another operation is in flight), tried again later as a new intent with a new key.
     */
    private void operation(String reference, String type, Long value, String actor, Random random) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Journal.Intent intent = sendOperation(reference, type, value, actor, random);
            Api.Reply answer = intent.definitive();
            if (answer == null || answer.status() != 409 || !stillPossible(reference, type)) {
                return;
            }
            journal.count("operations refused 409, tried again with a new key");
            ChaosRun.sleepQuietly(Duration.ofMillis(1500 + random.nextInt(2500)));
        }
    }

    /** Whether the operation can still do something at Vipps (so staff would try again after a 409). */
    private boolean stillPossible(String reference, String type) {
        PaymentSnapshot payment = run.world().system.simulator().payment(reference);
        if (payment == null) {
            return false;
        }
        return type.equals("refund") ? payment.captured() > payment.refunded() : payment.capturable() > 0;
    }

    private Journal.Intent sendOperation(String reference, String type, Long value, String actor, Random random) {
        String key = key("o", random);
        String body = operationBody(value, "chaos " + key);
        Journal.Intent intent = journal.record(new Journal.Intent(key, index, type, reference, value, actor, body,
                null));
        run.kills().offerOperation(random, reference, switch (type) {
            case "capture" -> Operation.CAPTURE;
            case "refund" -> Operation.REFUND;
            default -> Operation.CANCEL;
        });
        Map<String, String> headers = Map.of("Authorization", "Bearer " + (actor.equals("shop")
                ? run.world().system.shopKey() : run.world().system.staffKey()), "Idempotency-Key", key);
        String path = "orders/" + reference + "/" + type;
        if (random.nextDouble() < 0.06) {
            journal.count("same-key requests sent concurrently");
            Random other = new Random(random.nextLong());
            CompletableFuture<Void> twin = CompletableFuture.runAsync(() -> sendUntilAnswered(intent, other,
                    () -> run.world().api.post(path, headers, body, timeout(other))), run.helpers());
            sendUntilAnswered(intent, random, () -> run.world().api.post(path, headers, body, timeout(random)));
            twin.join();
        } else {
            sendUntilAnswered(intent, random, () -> run.world().api.post(path, headers, body, timeout(random)));
        }
        Api.Reply answer = intent.definitive();
        if (answer != null && answer.status() == 202 && random.nextDouble() < 0.5) {
            // the client asks again later with the same key to learn how it ended
            ChaosRun.sleepQuietly(Duration.ofMillis(1000 + random.nextInt(3000)));
            journal.count("replays after 202");
            sendUntilAnswered(intent, random, () -> run.world().api.post(path, headers, body, timeout(random)));
        }
        if (answer != null && answer.status() >= 200 && answer.status() < 300 && random.nextDouble() < 0.12) {
            misuse(intent, () -> operationBody(value == null ? 100L : value + 100, "chaos misuse " + key), random);
        }
        return intent;
    }

    private static String operationBody(Long value, String reason) {
        ObjectNode body = Api.JSON.createObjectNode();
        if (value != null) {
            body.put("amount", value);
        }
        body.put("reason", reason);
        return body.toString();
    }

    /** The same Idempotency-Key with another body: must be refused (422) and change nothing. */
    private void misuse(Journal.Intent original, Supplier<String> otherBody, Random random) {
        String body = otherBody.get();
        Journal.Intent misuse = journal.record(new Journal.Intent(original.key, index, original.type,
                original.reference, null, original.actor, body, original));
        String path = original.type.equals("initiate") ? "checkout/sessions"
                : "orders/" + original.reference + "/" + original.type;
        Map<String, String> headers = Map.of("Authorization", "Bearer " + (original.actor.equals("shop")
                ? run.world().system.shopKey() : run.world().system.staffKey()), "Idempotency-Key", original.key);
        journal.count("keys re-used with another body");
        sendUntilAnswered(misuse, random, () -> run.world().api.post(path, headers, body, timeout(random)));
    }

    /** Staff act in the Vipps portal, outside our API, while the payment still has something to capture. */
    private void portal(String reference) {
        PaymentSnapshot payment = run.world().system.simulator().payment(reference);
        if (payment == null || payment.capturable() <= 0) {
            return;
        }
        Portal portal = run.world().system.simulator().portal();
        double draw = random.nextDouble();
        long refundable = payment.captured() - payment.refunded();
        Portal.Result result;
        String type;
        long value;
        if (draw < 0.5) {
            type = "capture";
            value = Math.max(1, payment.capturable() / 3);
            result = portal.capture(reference, value);
        } else if (draw < 0.75 && refundable > 0) {
            type = "refund";
            value = Math.max(1, refundable / 2);
            result = portal.refund(reference, value);
        } else {
            type = "cancel";
            value = payment.capturable();
            result = portal.cancel(reference);
        }
        journal.portal.add(new Journal.PortalAction(index, reference, type, value, result.idempotencyKey(),
                result.done()));
        journal.count("portal actions");
    }

    // ---- sending -------------------------------------------------------------------------------------------

    /**
     * Sends until an answer that is not worth retrying comes (or {@value #MAX_SENDS} sends, or 75 s): the same key
     * and body after a timeout, a broken connection, a 5xx or a 429 (after its Retry-After). Sometimes the network
     * loses an answer that did arrive; the client cannot tell that from a timeout. Stops early when a request of the
     * same intent sent at the same time got its answer.
     */
    void sendUntilAnswered(Journal.Intent intent, Random random, Supplier<Api.Reply> send) {
        Instant giveUp = Instant.now().plus(GIVE_UP);
        for (int attempt = 1; attempt <= MAX_SENDS && Instant.now().isBefore(giveUp); attempt++) {
            if (attempt > 1) {
                if (intent.definitive() != null) {
                    return; // a request sent at the same time got the answer
                }
                journal.count("client retries (same key, same body)");
            }
            if (!intent.type.equals("initiate")) {
                journal.lastOperationSent.accumulateAndGet(System.currentTimeMillis(), Math::max);
            }
            Api.Reply reply = send.get();
            observe(reply, intent.type);
            if (reply.answered() && random.nextDouble() < LOSE_ANSWER) {
                journal.count("answers lost on the way back");
                reply = new Api.Reply(reply.status(), reply.body(), reply.contentType(), reply.requestId(),
                        reply.retryAfter(), reply.location(), Api.Reply.Lost.DROPPED, reply.sentAt(), reply.millis());
            }
            intent.replies.add(reply);
            if (!reply.retryable()) {
                return;
            }
            Duration wait = reply.retryAfter().orElse(Duration.ofMillis(Math.min(5000, 300L << attempt)
                    + random.nextInt(400)));
            ChaosRun.sleepQuietly(wait.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : wait);
        }
        journal.count("intents left without an answer");
    }

    private void observe(Api.Reply reply, String what) {
        journal.count("requests");
        if (!reply.answered()) {
            journal.count("client timeouts and broken connections");
            return;
        }
        if (reply.status() >= 500) {
            journal.serverErrors.add(new Journal.ServerError(what, reply.status(), reply.problem(), reply.requestId(),
                    reply.body()));
        }
    }

    private Duration timeout(Random random) {
        return Duration.ofMillis(8000 + random.nextInt(12000));
    }

    private String key(String kind, Random random) {
        return kind + "-" + Long.toString(settings.seed(), 36) + "-" + index + "-" + keys.incrementAndGet() + "-"
                + Integer.toString(random.nextInt(1 << 20), 36);
    }

    private String cartWithDifferentAmount() {
        return cart.replaceFirst("\"quantity\":(\\d+)", "\"quantity\":9");
    }

    private long part(long total, double from, double to) {
        return Math.max(100, Math.round(total * (from + random.nextDouble() * (to - from))));
    }

    private void pause() {
        ChaosRun.sleepQuietly(Duration.ofMillis(200 + random.nextInt(1800)));
    }
}
