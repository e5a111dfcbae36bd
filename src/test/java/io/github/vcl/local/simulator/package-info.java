/**
 * A stateful, test-scope simulator of the Vipps MobilePay APIs the backend talks to, served over real HTTP on
 * 127.0.0.1 (see {@link io.github.vcl.local.simulator.VippsSimulator}). It never ships in the Lambda artifact.
 *
 * <h2>What it answers</h2>
 * <ul>
 *   <li>{@code POST /accesstoken/get}: string-typed numbers; tokens expire after
 *       {@code SimulatorOptions.tokenLifetime}; an unknown or expired bearer, or one without the word
 *       {@code Bearer}, gets 401.</li>
 *   <li>Checkout v3 {@code POST /checkout/v3/session}, {@code GET /checkout/v3/session/{reference}} with client
 *       credentials; 409 for a used reference; 404 {@code Session-00100} for unknown sessions and for sessions past
 *       their TTL that never completed (a completed session stays readable, so a client that polls late still
 *       sees the result). An {@code orderSummary} becomes the Order Management receipt.</li>
 *   <li>ePayment v1 create, get, events, capture, refund, cancel and test approve, with the rules and error codes of
 *       docs/vipps-rules.md#epayment (6020, 6040, 6050, 6060, 6070, 6080, 6090, 6150, 6200, 6210; 4150 for a used
 *       reference; 4010/4150/4020 for a key reused with another body). A Checkout session's payment is an ePayment
 *       payment under the same reference from creation on.</li>
 *   <li>Order Management v2 receipts (write-once), categories and read-back; Webhooks v1 register, list, delete.</li>
 *   <li>{@code GET /checkout-frontend/{reference}}: the page behind {@code checkoutFrontendUrl} and
 *       {@code redirectUrl}, with Approve, Reject and Close buttons that lead to the merchant's returnUrl.</li>
 * </ul>
 *
 * <h2>Choices where the documentation is silent</h2>
 * <ul>
 *   <li>A customer's rejection makes the ePayment state {@code ABORTED} (ePayment's word for a user cancel); the
 *       Checkout view of the same payment says {@code PaymentTerminated} / {@code TERMINATED}.</li>
 *   <li>Checkout sends its callback when the customer approves or rejects (also through the test approve endpoint),
 *       never on abandonment, expiry or a merchant cancel.</li>
 *   <li>Webhooks fire for every payment, Checkout-created ones included (the public documentation leaves this
 *       open, see docs/vipps-rules.md#where-the-public-documentation-is-unclear).</li>
 *   <li>Rate limits apply to the ePayment calls only, keyed per reference (the Checkout GET has no documented
 *       limit). 401 and 429 carry the plain Azure API Management body {@code {statusCode, message}}, as the real
 *       gateway does; domain errors are problem+json.</li>
 *   <li>All contract violations answer 400, including a wrong {@code Ocp-Apim-Subscription-Key} or
 *       {@code Merchant-Serial-Number}, so they show up in {@code violations()}. Both, and the four
 *       {@code Vipps-System-*} headers, are required on every call, the token call included
 *       (docs/vipps-rules.md#headers: send them always).</li>
 *   <li>Time-based expiry (payments, sessions) is applied when the next request or customer action arrives.</li>
 * </ul>
 *
 * <h2>Contract</h2>
 * Requests are validated with swagger-request-validator against the official files in
 * {@code src/test/resources/vipps-openapi/}, which are byte-for-byte copies; the places where they are older than
 * the live API ({@code type} and {@code taxRate} on Checkout sessions, the cancel body, lower-case {@code ecom}, the
 * remote receipt {@code $ref}) are patched in {@link io.github.vcl.local.simulator.openapi.VippsOpenApiSpecs}, each
 * with its reason.
 *
 * <h2>Packages</h2>
 * This package holds the HTTP server and the request pipeline ({@code RequestDispatcher}: record, validate, planned
 * faults, authentication, rate limit, idempotency), the shared state, the simulated customer and what tests use
 * ({@code VippsSimulator}, {@code SimulatorOptions}, {@code FaultPlan}, {@code Operation}, {@code SimulatorClient}).
 * One sub-package per API: {@code token}, {@code checkout}, {@code epayment}, {@code ordermanagement},
 * {@code webhooks}; {@code delivery} sends callbacks and webhooks to the merchant, {@code openapi} checks requests
 * against the contract. Each {@code *SimulationTest} sits in the package of what it tests.
 */
package io.github.vcl.local.simulator;
