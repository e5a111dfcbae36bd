/**
 * Order Management v2: write-once receipts, categories (overwritten by each PUT) and read-back.
 */
package io.github.vcl.local.simulator.ordermanagement;
