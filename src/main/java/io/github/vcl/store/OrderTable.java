package io.github.vcl.store;

/**
 * Names in the orders table; the design is written down in {@code docs/dynamodb-table.md} and declared in
 * {@code template.yaml}. One item per payment attempt, keyed by its reference.
 */
public final class OrderTable {
    public static final String REFERENCE = "reference";
    public static final String VERSION = "version";
    public static final String SHOP_ORDER_ID = "shopOrderId";
    public static final String DESCRIPTION = "description";
    public static final String CURRENCY = "currency";
    public static final String AMOUNT = "amount";
    public static final String LINES = "lines";
    public static final String CHECKOUT = "checkout";
    public static final String SESSION_STATE = "sessionState";
    public static final String PAYMENT_STATE = "paymentState";
    public static final String STATUS = "status";
    public static final String AUTHORIZED = "authorized";
    public static final String CAPTURED = "captured";
    public static final String REFUNDED = "refunded";
    public static final String CANCELLED = "cancelled";
    public static final String PSP_REFERENCE = "pspReference";
    public static final String OPERATIONS = "operations";
    public static final String LAST_ERROR = "lastError";
    /** The newer payment attempt that replaced this one, once there is one. */
    public static final String SUPERSEDED_BY = "supersededBy";
    public static final String CREATED_AT = "createdAt";
    /** {@code yyyy-MM} (UTC) of {@code createdAt}: partition key of {@link #CREATED_INDEX}. */
    public static final String CREATED_MONTH = "createdMonth";
    public static final String UPDATED_AT = "updatedAt";
    public static final String HISTORY = "history";
    /**
     * Present only while the order needs reconciliation, which makes the index sparse: the order's shard
     * ({@link ReconcileShards}).
     */
    public static final String RECONCILE_KEY = "reconcileKey";
    /** Epoch milliseconds from which the reconciler should look at the order; sort key of the sparse index. */
    public static final String RECONCILE_DUE = "reconcileDue";

    /** On initiate-key claim items: the reference the key started, and a fingerprint of the request. */
    public static final String CLAIMED_REFERENCE = "claimedReference";
    public static final String FINGERPRINT = "fingerprint";
    /** On shop-order items: the reference of the shop order's current payment attempt. */
    public static final String CURRENT_REFERENCE = "currentReference";
    /** DynamoDB TTL attribute (epoch seconds); only claim items carry it, orders never expire. */
    public static final String EXPIRES_AT = "expiresAt";

    public static final String RECONCILE_INDEX = "reconcile-index";
    public static final String SHOP_ORDER_INDEX = "shop-order-index";
    public static final String STATUS_INDEX = "status-index";
    public static final String CREATED_INDEX = "created-index";

    private OrderTable() {
    }
}
