package io.github.vcl.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the clients did and saw during a chaos run: every intended action with every answer it got, every answer with
 * a 5xx status, and counters. The verdict compares this with the simulator's ledger and our table.
 */
final class Journal {

    /** One shop order ({@code shopOrderId}) and its payment attempts. */
    static final class ShopOrder {
        final int index;
        final String shopOrderId;
        final long amount;
        /** References that came back in a 201, in the order the shop learnt them. */
        final List<String> references = new CopyOnWriteArrayList<>();
        /** The customer's choice per reference, and what the page answered. */
        final Map<String, String> customer = new ConcurrentHashMap<>();
        /** The attempt the shop server considers current (the last one it started). */
        volatile String current;

        ShopOrder(int index, String shopOrderId, long amount) {
            this.index = index;
            this.shopOrderId = shopOrderId;
            this.amount = amount;
        }
    }

    /**
     * One intended action of a client, named by its Idempotency-Key: an initiate, or a capture, refund or cancel. All
     * sends of it carry the same key and body.
     */
    static final class Intent {
        final String key;
        final int order;
        /** {@code initiate}, {@code capture}, {@code refund} or {@code cancel}. */
        final String type;
        /** The reference of an operation; null for an initiate (the answer names it). */
        final String reference;
        /** The amount asked for; null for "everything possible now". */
        final Long amount;
        /** {@code shop} or {@code staff}. */
        final String actor;
        final String body;
        /** Every answer, in order. */
        final List<Api.Reply> replies = new CopyOnWriteArrayList<>();
        /** Set when this is a reuse of another intent's key with another body. */
        final Intent misuseOf;

        Intent(String key, int order, String type, String reference, Long amount, String actor, String body,
               Intent misuseOf) {
            this.key = key;
            this.order = order;
            this.type = type;
            this.reference = reference;
            this.amount = amount;
            this.actor = actor;
            this.body = body;
            this.misuseOf = misuseOf;
        }

        /** The first answer that was not worth retrying, if any. */
        Api.Reply definitive() {
            for (Api.Reply reply : replies) {
                if (!reply.retryable()) {
                    return reply;
                }
            }
            return null;
        }

        /** Accepted: 200/201/202. */
        boolean accepted() {
            Api.Reply reply = definitive();
            return reply != null && reply.status() >= 200 && reply.status() < 300;
        }

        /**
         * Every send of this intent was refused (4xx) as far as anyone can tell: none was accepted by the server (also
         * not one whose answer the network lost after it was sent) and none went unanswered.
         */
        boolean refusedEverySend() {
            return !replies.isEmpty() && replies.stream().allMatch(r -> r.status() >= 400 && r.status() < 500
                    && (r.answered() || r.lost() == Api.Reply.Lost.DROPPED));
        }

        /** The Vipps Idempotency-Keys our answers named for this intent ({@code operation.idempotencyKey}). */
        List<String> vippsKeys() {
            List<String> keys = new ArrayList<>();
            for (Api.Reply reply : replies) {
                if (reply.answered() && reply.status() >= 200 && reply.status() < 300) {
                    String key = reply.json().path("operation").path("idempotencyKey").asText("");
                    if (!key.isEmpty() && !keys.contains(key)) {
                        keys.add(key);
                    }
                }
            }
            return keys;
        }

        /** The references the 201 answers of an initiate named. */
        List<String> references() {
            List<String> references = new ArrayList<>();
            for (Api.Reply reply : replies) {
                if (reply.answered() && reply.status() == 201) {
                    String reference = reply.json().path("reference").asText("");
                    if (!reference.isEmpty() && !references.contains(reference)) {
                        references.add(reference);
                    }
                }
            }
            return references;
        }

        @Override
        public String toString() {
            return type + " " + (reference == null ? "" : reference + " ") + (amount == null ? "all" : amount)
                    + " by " + actor + " key " + key + " → " + replies;
        }
    }

    /** A 5xx answer a client got from the API, with the request id API Gateway gave it. */
    record ServerError(String route, int status, boolean problem, String requestId, String body) {
    }

    /** A portal action made at the simulator. */
    record PortalAction(int order, String reference, String type, long amount, String key, boolean done) {
    }

    final Map<Integer, ShopOrder> orders = new ConcurrentHashMap<>();
    final Queue<Intent> intents = new ConcurrentLinkedQueue<>();
    final Queue<ServerError> serverErrors = new ConcurrentLinkedQueue<>();
    final Queue<PortalAction> portal = new ConcurrentLinkedQueue<>();
    /** What the harness itself did that a reader of the journal needs (kills, with the request they ended). */
    final Queue<String> notes = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    /** When a client last sent a capture, refund or cancel (epoch ms). */
    final java.util.concurrent.atomic.AtomicLong lastOperationSent = new java.util.concurrent.atomic.AtomicLong();

    void count(String name) {
        add(name, 1);
    }

    void add(String name, long n) {
        counters.computeIfAbsent(name, k -> new LongAdder()).add(n);
    }

    long get(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>();
        counters.forEach((k, v) -> all.put(k, v.sum()));
        return all;
    }

    Intent record(Intent intent) {
        intents.add(intent);
        return intent;
    }
}
