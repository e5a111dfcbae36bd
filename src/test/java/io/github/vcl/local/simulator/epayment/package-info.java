/**
 * ePayment v1: payments and their state machine (state plus aggregate), capture, refund, cancel with the Vipps
 * error codes, the event log and the test-only force approve.
 */
package io.github.vcl.local.simulator.epayment;
