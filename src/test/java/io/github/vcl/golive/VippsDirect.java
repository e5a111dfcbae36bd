package io.github.vcl.golive;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.VippsOperation;
import io.github.vcl.vipps.VippsSettings;
import io.github.vcl.vipps.epayment.model.ModificationRequest;
import io.github.vcl.vipps.epayment.model.Payment;
import io.github.vcl.vipps.epayment.model.PaymentEvent;
import io.github.vcl.vipps.http.RawResponse;
import io.github.vcl.vipps.http.VippsErrorParser;
import io.github.vcl.vipps.http.VippsHeaders;
import io.github.vcl.vipps.http.VippsJson;
import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.ordermanagement.OrderManagementClient;
import io.github.vcl.vipps.ordermanagement.model.OrderInfo;
import io.github.vcl.vipps.token.AccessTokenResponse;
import io.github.vcl.vipps.webhook.model.Webhook;
import io.github.vcl.vipps.webhook.model.WebhookList;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The go-live kit's own line to Vipps MobilePay, with the merchant's keys and independent of the backend's table:
 * ePayment GET and event log, Order Management GET, and the two calls the kit makes itself (a refund as from the
 * merchant portal, the test environment's approve). The project's REST clients need a running Quarkus application,
 * so this speaks plain {@code java.net.http} with the same headers ({@link VippsHeaders}, {@code Vipps-System-*}
 * included; plugin name {@value #PLUGIN}, so its calls are told apart from the backend's) and reads answers and
 * errors with the same parsers ({@link VippsJson}, {@link VippsErrorParser}: status, error code, traceId).
 */
final class VippsDirect {
    static final String PLUGIN = "vcl-go-live";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final TypeReference<List<PaymentEvent>> EVENTS = new TypeReference<>() {
    };

    private final VippsSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String token;

    VippsDirect(VippsSettings merchant) {
        VippsSettings.SystemInfo backend = merchant.system();
        this.settings = merchant.withSystem(new VippsSettings.SystemInfo(backend.name(), backend.version(), PLUGIN,
                backend.pluginVersion()));
    }

    VippsSettings settings() {
        return settings;
    }

    /** {@code POST /accesstoken/get}: proves the keys; the token is kept for the run and never shown. */
    synchronized String token() {
        if (token == null) {
            RawResponse answer = send(VippsOperation.ACCESS_TOKEN, null, "POST", "/accesstoken/get", "",
                    VippsHeaders.withClientCredentials(settings), null);
            token = VippsJson.readResponse(VippsOperation.ACCESS_TOKEN, null, answer, AccessTokenResponse.class)
                    .accessToken();
        }
        return token;
    }

    /** The access token, if one was fetched: for the report writer to make sure it is nowhere in the report. */
    synchronized Optional<String> tokenIfFetched() {
        return Optional.ofNullable(token);
    }

    Payment payment(String reference) {
        RawResponse answer = bearer(VippsOperation.EPAYMENT_GET_PAYMENT, reference, "GET",
                "/epayment/v1/payments/" + reference, null, null);
        return VippsJson.readResponse(VippsOperation.EPAYMENT_GET_PAYMENT, reference, answer, Payment.class);
    }

    List<PaymentEvent> events(String reference) {
        RawResponse answer = bearer(VippsOperation.EPAYMENT_GET_EVENT_LOG, reference, "GET",
                "/epayment/v1/payments/" + reference + "/events", null, null);
        return VippsJson.readResponse(VippsOperation.EPAYMENT_GET_EVENT_LOG, reference, answer, EVENTS);
    }

    /** {@code GET /order-management/v2/ecom/{reference}}; empty when Vipps holds nothing for it (404). */
    Optional<OrderInfo> orderManagement(String reference) {
        try {
            RawResponse answer = bearer(VippsOperation.ORDER_MANAGEMENT_GET_ORDER, reference, "GET",
                    "/order-management/v2/" + OrderManagementClient.PAYMENT_TYPE_ECOM + "/" + reference, null, null);
            return Optional.of(VippsJson.readResponse(VippsOperation.ORDER_MANAGEMENT_GET_ORDER, reference, answer,
                    OrderInfo.class));
        } catch (VippsApiException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code GET /webhooks/v1/webhooks}: the sales unit's webhook registrations. */
    List<Webhook> webhooks() {
        RawResponse answer = bearer(VippsOperation.WEBHOOKS_LIST, null, "GET", "/webhooks/v1/webhooks", null, null);
        WebhookList list = VippsJson.readResponse(VippsOperation.WEBHOOKS_LIST, null, answer, WebhookList.class);
        return list.webhooks() == null ? List.of() : list.webhooks();
    }

    /** A refund made directly at Vipps, as staff would in the merchant portal; our record does not know it. */
    void refund(String reference, Amount amount, String idempotencyKey) {
        bearer(VippsOperation.EPAYMENT_REFUND, reference, "POST", "/epayment/v1/payments/" + reference + "/refund",
                VippsJson.write(new ModificationRequest(amount)), idempotencyKey);
    }

    /** Test environment only: {@code POST /epayment/v1/test/payments/{reference}/approve} for a test user. */
    void testApprove(String reference, String phoneNumber) {
        bearer(VippsOperation.EPAYMENT_GET_PAYMENT, reference, "POST",
                "/epayment/v1/test/payments/" + reference + "/approve",
                VippsJson.write(Map.of("customer", Map.of("phoneNumber", phoneNumber))), null);
    }

    private RawResponse bearer(VippsOperation operation, String reference, String method, String path, String body,
                               String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>(VippsHeaders.common(settings));
        headers.put(VippsHeaders.AUTHORIZATION, "Bearer " + token());
        return send(operation, reference, method, path, body, headers, idempotencyKey);
    }

    private RawResponse send(VippsOperation operation, String reference, String method, String path, String body,
                             Map<String, String> headers, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header(VippsHeaders.IDEMPOTENCY_KEY, idempotencyKey);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw VippsErrorParser.noResponse(operation, reference, 1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VippsErrorParser.noResponse(operation, reference, 1, e);
        }
        RawResponse raw = RawResponse.of(response.statusCode(), response.body(), response.headers().map());
        if (!raw.isSuccess()) {
            throw VippsErrorParser.toException(operation, reference, raw, null, 1);
        }
        return raw;
    }

    private String base() {
        String url = settings.baseUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
