package io.github.vcl.vipps.http;

import io.github.vcl.vipps.Secret;
import io.github.vcl.vipps.VippsSettings;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VippsHeadersFilterTest {

    static final VippsSettings SETTINGS = VippsSettings.of(URI.create("http://localhost:1"), "the-client-id",
            Secret.of("the-client-secret"), Secret.of("the-subscription-key"), "123456");

    private static MultivaluedMap<String, Object> filter(VippsHeadersFilter filter) {
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        headers.putSingle("Idempotency-Key", "order-1-capture-1");
        ClientRequestContext context = (ClientRequestContext) Proxy.newProxyInstance(
                ClientRequestContext.class.getClassLoader(), new Class<?>[] {ClientRequestContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getHeaders")) {
                        return headers;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        filter.filter(context);
        return headers;
    }

    @Test
    void addsTheSixCommonHeadersToEveryRequest() {
        MultivaluedMap<String, Object> headers = filter(new VippsHeadersFilter(VippsHeaders.common(SETTINGS)));
        assertEquals("vipps-checkout-lambda", headers.getFirst("Vipps-System-Name"));
        assertEquals("0.1.0", headers.getFirst("Vipps-System-Version"));
        assertEquals("vcl-vipps-client", headers.getFirst("Vipps-System-Plugin-Name"));
        assertEquals("0.1.0", headers.getFirst("Vipps-System-Plugin-Version"));
        assertEquals("123456", headers.getFirst("Merchant-Serial-Number"));
        assertEquals("the-subscription-key", headers.getFirst("Ocp-Apim-Subscription-Key"));
        assertEquals("order-1-capture-1", headers.getFirst("Idempotency-Key"), "keeps per-call headers");
        assertNull(headers.getFirst("client_secret"), "no client credentials for token-protected APIs");
        assertEquals(7, headers.size());
    }

    @Test
    void addsClientCredentialsWhereTheApiWantsThem() {
        MultivaluedMap<String, Object> headers =
                filter(new VippsHeadersFilter(VippsHeaders.withClientCredentials(SETTINGS)));
        assertEquals("the-client-id", headers.getFirst("client_id"));
        assertEquals("the-client-secret", headers.getFirst("client_secret"));
        assertEquals("vipps-checkout-lambda", headers.getFirst("Vipps-System-Name"));
    }

    @Test
    void nothingRevealsSecrets() {
        String[] texts = {new VippsHeadersFilter(VippsHeaders.withClientCredentials(SETTINGS)).toString(),
                SETTINGS.toString(), Secret.of("the-client-secret").toString()};
        for (String text : texts) {
            assertFalse(text.contains("the-client-secret"), text);
            assertFalse(text.contains("the-subscription-key"), text);
        }
    }

    @Test
    void systemHeadersAreAtMost30Characters() {
        assertThrows(IllegalArgumentException.class,
                () -> new VippsSettings.SystemInfo("x".repeat(31), "1", "p", "1"));
        assertTrue(new VippsSettings.SystemInfo("x".repeat(30), "1", "p", "1").name().length() == 30);
    }

    @Test
    void missingCredentialsFailWithTheConfigKeyName() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> VippsSettings.of(
                URI.create("http://localhost:1"), " ", Secret.of("s"), Secret.of("k"), "123456"));
        assertTrue(e.getMessage().contains("vipps.client-id"), e.getMessage());
    }
}
