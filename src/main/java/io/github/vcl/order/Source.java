package io.github.vcl.order;

/** Who told us about a change; recorded with every history entry. */
public enum Source {
    STOREFRONT, CALLBACK, WEBHOOK, POLL, STAFF, RECONCILER
}
