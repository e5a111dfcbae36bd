package io.github.vcl.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.local.gateway.FunctionInvoker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The local Lambda service: one {@link RuntimeApiServer} and one {@link FunctionProcess} (its own JVM) per function,
 * and the {@link FunctionInvoker} the local API Gateway hands its events to. Answers as API Gateway does when the
 * Lambda itself fails: a function error becomes {@code 500 {"message":"Internal Server Error"}}, a timeout or a
 * function that is not running {@code 503}.
 */
public final class LocalLambdas implements FunctionInvoker, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INTERNAL_ERROR = "{\"statusCode\":500,\"headers\":{\"content-type\":"
            + "\"application/json\"},\"body\":\"{\\\"message\\\":\\\"Internal Server Error\\\"}\"}";

    /** One invocation, for the launcher's console. */
    public record Invocation(String function, int statusCode, long millis) {
    }

    private final Map<String, RuntimeApiServer> runtimeApis = new LinkedHashMap<>();
    private final Map<String, FunctionProcess> processes = new LinkedHashMap<>();
    private final java.util.function.Consumer<Invocation> listener;

    private LocalLambdas(java.util.function.Consumer<Invocation> listener) {
        this.listener = listener;
    }

    /**
     * Starts every function's JVM at once (they cold-start in parallel).
     *
     * @param environment each function's environment (the Lambda configuration)
     * @param logs        where each function's log goes
     */
    public static LocalLambdas start(List<String> functions, Path taskRoot, FunctionProcess.Runtime runtime,
                                     Duration timeout,
                                     Function<String, Map<String, String>> environment, Function<String, Path> logs,
                                     java.util.function.Consumer<Invocation> listener) {
        LocalLambdas lambdas = new LocalLambdas(listener);
        try {
            for (String function : functions) {
                RuntimeApiServer api = RuntimeApiServer.start(function, timeout);
                lambdas.runtimeApis.put(function, api);
                lambdas.processes.put(function, FunctionProcess.start(function, taskRoot, runtime, api,
                        environment.apply(function), logs.apply(function)));
            }
            return lambdas;
        } catch (RuntimeException e) {
            lambdas.close();
            throw e;
        }
    }

    /**
     * Waits until every function's runtime loop polls for its first event.
     *
     * @throws IllegalStateException naming the functions that failed to start, with the reason they reported
     */
    public void awaitReady(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, RuntimeApiServer> entry : runtimeApis.entrySet()) {
            FunctionProcess process = processes.get(entry.getKey());
            boolean ready = false;
            while (!ready && process.isAlive() && entry.getValue().initError() == null
                    && System.nanoTime() < deadline) {
                ready = entry.getValue().awaitReady(Duration.ofMillis(100));
            }
            if (!ready) {
                String why = entry.getValue().initError() != null ? "init error " + entry.getValue().initError()
                        : !process.isAlive() ? "its JVM exited" : "no poll within " + wait.toSeconds() + " s";
                failed.add(entry.getKey() + " (" + why + "; log: " + process.log() + ")");
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("functions did not start: " + String.join(", ", failed));
        }
    }

    public Map<String, FunctionProcess> processes() {
        return Map.copyOf(processes);
    }

    public Map<String, RuntimeApiServer> runtimeApis() {
        return Map.copyOf(runtimeApis);
    }

    @Override
    public String invoke(String function, String eventJson) {
        RuntimeApiServer api = runtimeApis.get(function);
        FunctionProcess process = processes.get(function);
        if (api == null) {
            throw new FunctionUnavailableException("function '" + function + "' is not part of this build");
        }
        if (!process.isAlive()) {
            throw new FunctionUnavailableException("function '" + function + "' is not running (see "
                    + process.log() + ")");
        }
        long start = System.nanoTime();
        String result;
        try {
            RuntimeApiServer.Result answer = api.invoke(eventJson);
            result = answer.error() ? INTERNAL_ERROR : answer.body();
        } catch (TimeoutException e) {
            report(function, 503, start);
            throw new FunctionUnavailableException("Service Unavailable: function '" + function + "' timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionUnavailableException("interrupted");
        } catch (IllegalStateException e) {
            report(function, 503, start);
            throw new FunctionUnavailableException(e.getMessage());
        }
        int status;
        try {
            status = JSON.readTree(result).path("statusCode").asInt(200);
        } catch (java.io.IOException e) {
            status = 200;
        }
        report(function, status, start);
        return result;
    }

    private void report(String function, int status, long start) {
        if (listener != null) {
            listener.accept(new Invocation(function, status, (System.nanoTime() - start) / 1_000_000));
        }
    }

    /** Stops every JVM (in parallel), then the Runtime API servers. */
    @Override
    public void close() {
        processes.values().forEach(FunctionProcess::stopAsync);
        processes.values().forEach(FunctionProcess::awaitStopped);
        runtimeApis.values().forEach(RuntimeApiServer::close);
    }

    /** An invoker to hand the gateway before the functions exist (its URL is their configuration). */
    public static final class Holder implements FunctionInvoker {
        private volatile FunctionInvoker target;

        public void set(FunctionInvoker value) {
            target = value;
        }

        @Override
        public String invoke(String function, String eventJson) {
            FunctionInvoker current = target;
            if (current == null) {
                throw new FunctionUnavailableException("the functions are still starting");
            }
            return current.invoke(function, eventJson);
        }
    }
}
