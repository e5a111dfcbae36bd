package io.github.vcl.observe;

import java.util.List;

/**
 * Every metric the functions emit (README "Logs and metrics"): its name, its CloudWatch unit and the dimension sets it
 * is published under — low-cardinality dimensions only, never a reference. The one list the alarms and the dashboard
 * of template.yaml are checked against.
 */
public enum Metric {
    /** A payment attempt was created (the order written). */
    ORDERS_INITIATED("OrdersInitiated", Unit.COUNT, Dimensions.NONE),
    ORDERS_AUTHORIZED("OrdersAuthorized", Unit.COUNT, Dimensions.NONE),
    /** An order's first capture confirmed (later, partial ones do not count again). */
    ORDERS_CAPTURED("OrdersCaptured", Unit.COUNT, Dimensions.NONE),
    /** An order's first refund confirmed. */
    ORDERS_REFUNDED("OrdersRefunded", Unit.COUNT, Dimensions.NONE),
    /** The merchant ended it: its reservation released after approval, or the payment terminated before. */
    ORDERS_CANCELLED("OrdersCancelled", Unit.COUNT, Dimensions.NONE),
    /** The customer did nothing in time. */
    ORDERS_EXPIRED("OrdersExpired", Unit.COUNT, Dimensions.NONE),
    /** The payment could not happen: Vipps refused to start it, or the customer rejected it. */
    ORDERS_FAILED("OrdersFailed", Unit.COUNT, Dimensions.NONE),
    /** One HTTP attempt at Vipps (retries count again). */
    VIPPS_CALLS("VippsCalls", Unit.COUNT, Dimensions.TOTAL_AND_API),
    /** 1 for an attempt Vipps did not serve: no answer, 5xx, 429 or its keys refused (401, 403); else 0. */
    VIPPS_ERRORS("VippsErrors", Unit.COUNT, Dimensions.TOTAL_AND_API),
    VIPPS_LATENCY("VippsLatency", Unit.MILLISECONDS, Dimensions.TOTAL_AND_API),
    /** Vipps' answers by status ({@code none}: no answer), refusals about a payment included. */
    VIPPS_RESPONSES("VippsResponses", Unit.COUNT, Dimensions.API_AND_STATUS),
    /** How long after the payment's outcome was first recorded here its Checkout callback arrived (0: it was first). */
    CALLBACK_LAG("CallbackLag", Unit.MILLISECONDS, Dimensions.NONE),
    /** From the event's time at Vipps to its webhook delivery here. */
    WEBHOOK_LAG("WebhookLag", Unit.MILLISECONDS, Dimensions.NONE),
    RECONCILE_DURATION("ReconcileDuration", Unit.MILLISECONDS, Dimensions.NONE),
    /** Orders a reconcile run could not look at (Vipps or DynamoDB failed for them). */
    RECONCILE_FAILURES("ReconcileFailures", Unit.COUNT, Dimensions.NONE),
    /** Orders still without their payment's outcome although the customer's time at Vipps is over. */
    ORDERS_PENDING("OrdersPending", Unit.COUNT, Dimensions.NONE),
    /** How long the oldest of them has been pending. */
    OLDEST_PENDING_AGE("OldestPendingAge", Unit.SECONDS, Dimensions.NONE),
    /** Captures, refunds and cancels recorded but not yet confirmed or refused by Vipps. */
    OPERATIONS_PENDING("OperationsPending", Unit.COUNT, Dimensions.NONE),
    OLDEST_OPERATION_AGE("OldestOperationAge", Unit.SECONDS, Dimensions.NONE);

    /** The Vipps API called: the first segment of its path ({@code epayment}, {@code checkout}, …). */
    public static final String API = "Api";
    /** The HTTP status of Vipps' answer, or {@code none}. */
    public static final String STATUS = "Status";

    private final String metricName;
    private final Unit unit;
    private final List<List<String>> dimensionSets;

    Metric(String metricName, Unit unit, List<List<String>> dimensionSets) {
        this.metricName = metricName;
        this.unit = unit;
        this.dimensionSets = dimensionSets;
    }

    /** The name in CloudWatch. */
    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** Each set of dimension names the value is published under; {@code []} is the total without dimensions. */
    public List<List<String>> dimensionSets() {
        return dimensionSets;
    }

    /** CloudWatch units, as embedded metric format spells them. */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds"), SECONDS("Seconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    private static final class Dimensions {
        static final List<List<String>> NONE = List.of(List.of());
        static final List<List<String>> TOTAL_AND_API = List.of(List.of(), List.of(API));
        static final List<List<String>> API_AND_STATUS = List.of(List.of(API, STATUS));
    }
}
