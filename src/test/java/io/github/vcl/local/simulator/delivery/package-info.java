/**
 * Outgoing Checkout callbacks and webhooks: sent in order per channel, retried with backoff, optionally dropped,
 * doubled or reordered by planned faults; plus a receiving endpoint for tests.
 */
package io.github.vcl.local.simulator.delivery;
