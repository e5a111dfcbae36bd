package io.github.vcl.testing;

import io.github.vcl.local.gateway.FunctionInvoker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Invokes the function a @QuarkusTest exports through the Lambda mock event server Quarkus starts in test mode: the
 * event goes through the same Lambda runtime loop and Funqy deserialisation as in AWS.
 */
public final class MockEventServerInvoker implements FunctionInvoker {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String exported;
    private volatile URI endpoint;

    public MockEventServerInvoker(String exported) {
        this.exported = exported;
    }

    /** Where Quarkus started the mock event server ({@code host:port}), known once the application runs. */
    void connect(String hostAndPort) {
        this.endpoint = URI.create("http://" + hostAndPort + "/_lambda_");
    }

    @Override
    public String invoke(String function, String eventJson) {
        return invoke(function, eventJson, Duration.ofSeconds(30));
    }

    /** An invocation allowed longer than the usual 30 s: a benchmark reconciling tens of thousands of orders. */
    public String invoke(String function, String eventJson, Duration timeout) {
        if (!exported.equals(function)) {
            throw new FunctionUnavailableException("function '" + function + "' is not running in this test");
        }
        if (endpoint == null) {
            throw new FunctionUnavailableException("the test application has not started yet");
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint)
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(eventJson)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Lambda invocation failed: " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("Lambda mock event server unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
