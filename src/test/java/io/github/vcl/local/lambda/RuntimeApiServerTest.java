package io.github.vcl.local.lambda;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local Lambda Runtime API, played from the function's side as a runtime loop calls it. */
class RuntimeApiServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private RuntimeApiServer api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private HttpResponse<String> next() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("invocation/next")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + api.address() + "/2018-06-01/runtime/" + path);
    }

    @Test
    void anEventGoesToTheRuntimeLoopAndItsResponseBackToTheCaller() throws Exception {
        api = RuntimeApiServer.start("status", Duration.ofSeconds(10));
        CompletableFuture<RuntimeApiServer.Result> result = CompletableFuture.supplyAsync(() -> {
            try {
                return api.invoke("{\"version\":\"2.0\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<String> event = next();
        assertTrue(api.awaitReady(Duration.ZERO), "ready once the loop polled");
        assertEquals(200, event.statusCode());
        assertEquals("{\"version\":\"2.0\"}", event.body());
        String id = event.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        long deadline = Long.parseLong(event.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertTrue(deadline > System.currentTimeMillis(), "deadline in the future");
        assertTrue(event.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow()
                .endsWith(":function:vcl-local-status"));
        assertTrue(event.headers().firstValue("Lambda-Runtime-Trace-Id").isPresent());

        assertEquals(202, post("invocation/" + id + "/response", "{\"statusCode\":200}").statusCode());
        RuntimeApiServer.Result answer = result.get(5, TimeUnit.SECONDS);
        assertFalse(answer.error());
        assertEquals("{\"statusCode\":200}", answer.body());
        assertEquals(400, post("invocation/" + id + "/response", "{}").statusCode(), "answered only once");
    }

    @Test
    void aFunctionErrorIsReportedAsAnError() throws Exception {
        api = RuntimeApiServer.start("initiate", Duration.ofSeconds(10));
        CompletableFuture<RuntimeApiServer.Result> result = CompletableFuture.supplyAsync(() -> {
            try {
                return api.invoke("{}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String id = next().headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        post("invocation/" + id + "/error", "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.RuntimeException\"}");
        RuntimeApiServer.Result answer = result.get(5, TimeUnit.SECONDS);
        assertTrue(answer.error());
        assertTrue(answer.body().contains("boom"));
    }

    @Test
    void aFunctionThatDoesNotAnswerTimesOut() {
        api = RuntimeApiServer.start("callback", Duration.ofMillis(300));
        assertThrows(TimeoutException.class, () -> api.invoke("{}"));
    }

    @Test
    void anInitErrorIsKept() throws Exception {
        api = RuntimeApiServer.start("reconcile", Duration.ofSeconds(1));
        assertEquals(202, post("init/error", "{\"errorMessage\":\"configuration 'x' is not set\"}").statusCode());
        assertTrue(api.initError().contains("configuration 'x' is not set"));
        assertFalse(api.awaitReady(Duration.ZERO));
    }
}
