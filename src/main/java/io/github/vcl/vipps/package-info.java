/**
 * Production clients of the Vipps MobilePay APIs. This layer knows nothing about orders: plain request/response
 * types and one client per API.
 * <ul>
 *   <li>{@link io.github.vcl.vipps.VippsClients}: all clients of one sales unit; CDI beans via
 *       {@link io.github.vcl.vipps.VippsClientsProducer}, configured by {@link io.github.vcl.vipps.VippsConfig}
 *       ({@code vipps.*}).</li>
 *   <li>{@code checkout}: Checkout v3 sessions; {@code epayment}: ePayment v1 (also capture/refund/cancel of
 *       Checkout payments); {@code ordermanagement}: receipts and categories; {@code webhook}: registrations.</li>
 *   <li>{@code token}: the access token cache; {@code http}: the one place for headers
 *       ({@link io.github.vcl.vipps.http.VippsHeadersFilter}), retries
 *       ({@link io.github.vcl.vipps.http.RetryPolicy}), error mapping
 *       ({@link io.github.vcl.vipps.http.VippsErrorParser}, {@link io.github.vcl.vipps.http.VippsErrorMessages})
 *       and JSON ({@link io.github.vcl.vipps.http.VippsJson}).</li>
 * </ul>
 * Every failure is a {@link io.github.vcl.vipps.VippsApiException}. Money-moving calls take the caller's
 * {@link io.github.vcl.vipps.IdempotencyKey}; the clients never make one up.
 */
package io.github.vcl.vipps;
