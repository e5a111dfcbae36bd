package io.github.vcl.vipps.http;

import io.github.vcl.vipps.VippsSettings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names and values of the headers Vipps expects; computed once per client set. */
public final class VippsHeaders {

    public static final String SYSTEM_NAME = "Vipps-System-Name";
    public static final String SYSTEM_VERSION = "Vipps-System-Version";
    public static final String SYSTEM_PLUGIN_NAME = "Vipps-System-Plugin-Name";
    public static final String SYSTEM_PLUGIN_VERSION = "Vipps-System-Plugin-Version";
    public static final String MERCHANT_SERIAL_NUMBER = "Merchant-Serial-Number";
    public static final String SUBSCRIPTION_KEY = "Ocp-Apim-Subscription-Key";
    public static final String CLIENT_ID = "client_id";
    public static final String CLIENT_SECRET = "client_secret";
    public static final String AUTHORIZATION = "Authorization";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private VippsHeaders() {
    }

    /** The six headers every request carries. */
    public static Map<String, String> common(VippsSettings settings) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SYSTEM_NAME, settings.system().name());
        headers.put(SYSTEM_VERSION, settings.system().version());
        headers.put(SYSTEM_PLUGIN_NAME, settings.system().pluginName());
        headers.put(SYSTEM_PLUGIN_VERSION, settings.system().pluginVersion());
        headers.put(MERCHANT_SERIAL_NUMBER, settings.merchantSerialNumber());
        headers.put(SUBSCRIPTION_KEY, settings.subscriptionKey().reveal());
        return Collections.unmodifiableMap(headers);
    }

    /** Common headers plus {@code client_id}/{@code client_secret}: for the token call and Checkout. */
    public static Map<String, String> withClientCredentials(VippsSettings settings) {
        Map<String, String> headers = new LinkedHashMap<>(common(settings));
        headers.put(CLIENT_ID, settings.clientId());
        headers.put(CLIENT_SECRET, settings.clientSecret().reveal());
        return Collections.unmodifiableMap(headers);
    }
}
