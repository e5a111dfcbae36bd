package io.github.vcl.config;

import io.github.vcl.order.Flow;
import io.github.vcl.vipps.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of the backend (prefix {@code vcl}). Secrets are optional here so that each Lambda starts with only
 * the secrets its function uses; a function that needs a missing one fails with a message naming it.
 */
@ConfigMapping(prefix = "vcl")
public interface BackendConfig {
    String ordersTable();

    /** The HTTP API's public address: callbacks and return pages are built on it. */
    URI publicBaseUrl();

    URI termsAndConditionsUrl();

    /** Start of every reference: 1–20 letters/digits, starting with a letter (e.g. the shop's short name). */
    @WithDefault("shop")
    String referencePrefix();

    /**
     * How customers pay when the shop does not choose per request: {@code checkout} (a Vipps Checkout session, the
     * default, as existing Checkout merchants have it) or {@code epayment} (the Vipps MobilePay app or landing page —
     * for merchants without Checkout, which Vipps MobilePay no longer sells). Switching changes nothing for orders
     * already started: each keeps the flow it began in.
     */
    @WithDefault("checkout")
    Flow flow();

    /** Signs the per-session callback and return-page tokens (≥ 32 characters). Only initiate needs it. */
    Optional<Secret> tokenSecret();

    /**
     * The key the shop server sends as {@code Authorization: Bearer …} (at least 32 characters); {@code
     * shopApiKeyNext} is accepted beside it while the shop server moves to a new key (io.github.vcl.auth.ApiKeys).
     */
    Optional<Secret> shopApiKey();

    Optional<Secret> shopApiKeyNext();

    /**
     * What the shop key may do besides starting payments and reading their status: {@code capture}, {@code refund},
     * {@code cancel}, {@code support}, or {@code operations} for the first three. The default leaves out refund and
     * support: the key sits on an internet-facing server, and a stolen one must not refund every captured order.
     */
    @WithDefault("capture,cancel")
    String shopRights();

    /**
     * The secret Vipps signs webhook deliveries with (returned when the webhook was registered), and the next one
     * while the registration is rotated (infra/register-webhooks.sh). Only the webhooks function reads them.
     */
    Optional<Secret> webhookSecret();

    Optional<Secret> webhookSecretNext();

    /**
     * Staff members by id ({@code vcl.staff.<id>.api-key}, {@code vcl.staff.<id>.rights}); the id is recorded as who
     * asked for an operation.
     */
    Map<String, StaffMember> staff();

    interface StaffMember {
        /** Sent as {@code Authorization: Bearer <key>}; at least 32 characters. */
        Secret apiKey();

        /** Comma-separated: {@code capture}, {@code refund}, {@code cancel}, {@code support}, {@code operations}. */
        String rights();
    }

    /**
     * The order-details page linked from the customer's Vipps payment history, with {@code {shopOrderId}} and/or
     * {@code {reference}} placeholders, e.g. {@code https://shop.example/orders/{shopOrderId}}. Without it no link
     * is set. Only the reconciler (which files the payment history) reads it.
     */
    Optional<String> orderDetailsUrlTemplate();

    /** Least time between two status polls of Vipps for one order (per container). */
    @WithDefault("2s")
    Duration pollInterval();

    /** Vipps' guidance: start polling about 5 s after the session was created. */
    @WithDefault("5s")
    Duration firstPollAfter();

    /**
     * The Lambda's timeout (template.yaml sets {@code VCL_FUNCTION_TIMEOUT} to each function's {@code Timeout}): every
     * invocation fits its Vipps calls inside it and answers before it, with a problem when Vipps is too slow.
     */
    @WithDefault("25s")
    Duration functionTimeout();

    /**
     * The CloudWatch namespace of the functions' metrics (embedded metric format lines, README "Logs and metrics"):
     * template.yaml gives each stack its own, {@code vcl/<stack>}.
     */
    @WithDefault("vcl")
    String metricsNamespace();

    /** How long a Checkout session stays open at Vipps (one hour); a test run may shorten it with the simulator's. */
    @WithDefault("1h")
    Duration sessionLifetime();

    Reconcile reconcile();

    interface Reconcile {
        /** Parallel Vipps calls per run (the work is waiting on Vipps and DynamoDB, not CPU). */
        @WithDefault("16")
        int concurrency();

        @WithDefault("100")
        int pageSize();

        /**
         * How often {@code function.LocalReconcileSchedule} runs the reconciler, e.g. {@code 30s}; {@code off} in AWS,
         * where EventBridge triggers it.
         */
        @WithDefault("off")
        String every();

        /**
         * How long an operation is left to the call that recorded it before the reconciler finishes it: longer than
         * the operations function's timeout, so the two never send it at the same time.
         */
        @WithDefault("45s")
        Duration operationGrace();

        /** The longest pause between two looks at an authorized order whose reservation is still open. */
        @WithDefault("60m")
        Duration longestFollowUp();

        /**
         * Whether Vipps MobilePay's webhooks are registered for this deployment (infra/register-webhooks.sh):
         * {@code none} (the default) or {@code registered}. With them, a capture, refund or cancel made in the Vipps
         * portal arrives within seconds, so an open reservation is read only every {@link #webhookSafetyPoll} — for a
         * delivery Vipps gave up on — instead of at the decaying cadence up to {@link #longestFollowUp}.
         */
        @WithDefault("none")
        Webhooks webhooks();

        /** How often an open reservation is read when webhooks are registered. */
        @WithDefault("6h")
        Duration webhookSafetyPoll();
    }

    /** Whether Vipps' webhooks tell this deployment about its payments ({@link Reconcile#webhooks}). */
    enum Webhooks {
        NONE, REGISTERED
    }
}
