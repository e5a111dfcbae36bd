/**
 * The contract: requests are checked against the official OpenAPI files (patched where the live API is newer) and
 * against the header rules; every breach becomes a {@link io.github.vcl.local.simulator.openapi.Violation}.
 */
package io.github.vcl.local.simulator.openapi;
