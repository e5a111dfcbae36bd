/**
 * Webhooks v1: registrations with their secret, and the HMAC-signed ePayment event deliveries they receive.
 */
package io.github.vcl.local.simulator.webhooks;
