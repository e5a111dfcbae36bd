package io.github.vcl.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.local.gateway.FunctionInvoker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The local Lambda service: per function one or more execution environments (instances), each its own JVM
 * ({@link FunctionProcess}) polling its own {@link RuntimeApiServer}, and the {@link FunctionInvoker} the local API
 * Gateway hands its events to. Like Lambda it runs one event at a time per instance, hands an event to an idle
 * instance, starts a new one when all are busy (a cold start, up to a maximum; beyond it the event waits a while for
 * an instance to become free), and replaces an instance whose process died: the invocation it was running fails as
 * {@code Runtime.ExitError}, the next one goes to a freshly started JVM (a cold start). A timed-out invocation ends
 * its instance too, as Lambda resets the environment after a timeout. Answers as API Gateway does when the Lambda
 * itself fails: a function error (or a crash) becomes {@code 500 {"message":"Internal Server Error"}}, a timeout, a
 * function that is not running or no free instance {@code 503}.
 */
public final class LocalLambdas implements FunctionInvoker, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INTERNAL_ERROR = "{\"statusCode\":500,\"headers\":{\"content-type\":"
            + "\"application/json\"},\"body\":\"{\\\"message\\\":\\\"Internal Server Error\\\"}\"}";
    private static final String EXIT_ERROR = "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":"
            + "\"RequestId: %s Error: Runtime exited with error: signal: killed\"}";
    /** How long a started JVM may take to poll for its first event (Init phase) on a busy machine. */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);

    /** How an invocation ended, as the Lambda service saw it. */
    public enum Outcome {
        /** The function answered (whatever its status code). */
        ANSWERED,
        /** The function reported an error. */
        FUNCTION_ERROR,
        /** Its process died while running it ({@code Runtime.ExitError}). */
        CRASHED,
        /** It did not answer within the function's timeout. */
        TIMED_OUT,
        /** No instance became free in time. */
        THROTTLED,
        /** The function is not running (it failed to start) or not part of this build. */
        NOT_RUNNING
    }

    /**
     * One invocation, for the launcher's console and for tests that count what callers saw.
     *
     * @param millis       from the event's arrival to its answer
     * @param waitedMillis of that, how long it waited for a free instance
     * @param requestId    API Gateway's {@code requestContext.requestId} (or an EventBridge event's {@code id})
     */
    public record Invocation(String function, int statusCode, long millis, String requestId, Outcome outcome,
                             long waitedMillis) {
    }

    /** An event an instance is running right now. */
    public record InFlight(String function, int instance, long pid, String requestId, String event) {
    }

    /** How to start the functions: the artifact, the runtime, and per function its configuration. */
    public static final class Settings {
        private final Path taskRoot;
        private final FunctionProcess.Runtime runtime;
        private Function<String, Map<String, String>> environment = f -> Map.of();
        private Function<String, Path> logs;
        private Function<String, Duration> timeouts = f -> Duration.ofSeconds(30);
        private Function<String, Integer> instances = f -> 1;
        private Function<String, Integer> maxInstances;
        private Duration waitForInstance = Duration.ofSeconds(10);
        private Consumer<Invocation> listener = i -> { };
        private Consumer<FunctionProcess> started = p -> { };

        public Settings(Path taskRoot, FunctionProcess.Runtime runtime, Function<String, Path> logs) {
            this.taskRoot = taskRoot;
            this.runtime = runtime;
            this.logs = logs;
        }

        /** Each function's environment (its Lambda configuration). */
        public Settings environment(Function<String, Map<String, String>> value) {
            environment = value;
            return this;
        }

        /** Each function's timeout (template.yaml's {@code Timeout}). */
        public Settings timeouts(Function<String, Duration> value) {
            timeouts = value;
            return this;
        }

        /** How many execution environments each function has (Lambda's concurrency, fixed here). */
        public Settings instances(Function<String, Integer> value) {
            instances = value;
            return this;
        }

        /** How many execution environments a function may scale out to when all are busy (default: no scaling). */
        public Settings maxInstances(Function<String, Integer> value) {
            maxInstances = value;
            return this;
        }

        /** How long an event waits for a busy function's instance before it is answered 503. */
        public Settings waitForInstance(Duration value) {
            waitForInstance = value;
            return this;
        }

        public Settings listener(Consumer<Invocation> value) {
            listener = value;
            return this;
        }

        /** Told of every function JVM started, also of the replacements for dead ones. */
        public Settings onProcessStart(Consumer<FunctionProcess> value) {
            started = value;
            return this;
        }
    }

    private record Live(RuntimeApiServer api, FunctionProcess process) {
    }

    /** One execution environment: a JVM and the Runtime API it polls; replaced together when the JVM dies. */
    private final class Instance {
        final String function;
        final int index;
        final Path log;
        RuntimeApiServer api;
        FunctionProcess process;
        volatile InFlight current;
        boolean killRequested;

        Instance(String function, int index, Path log) {
            this.function = function;
            this.index = index;
            this.log = log;
        }

        /** The JVM and Runtime API this instance has now (both change together when it is replaced). */
        synchronized Live live() {
            return new Live(api, process);
        }

        synchronized void start(boolean appendLog) {
            api = RuntimeApiServer.start(function, settings.timeouts.apply(function), INIT_TIMEOUT);
            process = FunctionProcess.start(function, settings.taskRoot, settings.runtime, api,
                    settings.environment.apply(function), log, appendLog);
            FunctionProcess started = process;
            started.handle().onExit().thenRun(() -> exited(started));
            settings.started.accept(started);
        }

        /** Lambda's view of a dead runtime: fail what it ran, and start a new environment for what comes next. */
        private void exited(FunctionProcess dead) {
            RuntimeApiServer oldApi;
            synchronized (this) {
                if (closed || process != dead) {
                    return;
                }
                boolean wasReady;
                try {
                    wasReady = api.awaitReady(Duration.ZERO);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                oldApi = api;
                if (wasReady || killRequested) {
                    killRequested = false;
                    restarts.incrementAndGet();
                    start(true);
                }
            }
            InFlight running = current;
            oldApi.failInFlight(EXIT_ERROR.formatted(running == null ? "-" : running.requestId()));
            if (process != dead) {
                oldApi.close();
            }
        }

        synchronized boolean kill(String requestId) {
            InFlight running = current;
            if (running == null || !running.requestId().equals(requestId) || !process.isAlive()) {
                return false;
            }
            killRequested = true;
            process.kill();
            return true;
        }

        /** Waits (a few seconds at most) until the JVM {@code dead} is gone and, if it was, replaced. */
        void awaitReplaced(FunctionProcess dead) {
            try {
                dead.handle().onExit().get(10, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < deadline) {
                    synchronized (this) {
                        if (process != dead) {
                            return;
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                // still there: the next event finds it dead and is answered accordingly
            }
        }

        synchronized void stopAsync() {
            process.stopAsync();
        }
    }

    private final Settings settings;
    private final Map<String, List<Instance>> instances = new LinkedHashMap<>();
    private final Map<String, Integer> limits = new LinkedHashMap<>();
    private final Map<String, BlockingQueue<Instance>> idle = new LinkedHashMap<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger scaledOut = new AtomicInteger();
    private volatile boolean closed;

    private LocalLambdas(Settings settings) {
        this.settings = settings;
    }

    /** Starts every function's JVMs at once (they cold-start in parallel). */
    public static LocalLambdas start(List<String> functions, Settings settings) {
        LocalLambdas lambdas = new LocalLambdas(settings);
        try {
            for (String function : functions) {
                int count = Math.max(1, settings.instances.apply(function));
                List<Instance> list = new java.util.concurrent.CopyOnWriteArrayList<>();
                BlockingQueue<Instance> free = new LinkedBlockingQueue<>();
                lambdas.instances.put(function, list);
                lambdas.idle.put(function, free);
                lambdas.limits.put(function, Math.max(count, settings.maxInstances == null ? count
                        : settings.maxInstances.apply(function)));
                for (int i = 0; i < count; i++) {
                    free.add(lambdas.newInstance(function));
                }
            }
            return lambdas;
        } catch (RuntimeException e) {
            lambdas.close();
            throw e;
        }
    }

    /** A new execution environment for {@code function}, starting (its first event waits for its cold start). */
    private Instance newInstance(String function) {
        List<Instance> list = instances.get(function);
        synchronized (list) {
            int index = list.size();
            Path log = settings.logs.apply(function);
            if (index > 0) {
                log = log.resolveSibling(log.getFileName().toString().replaceFirst("(\\.log)?$", "." + (index + 1)
                        + ".log"));
            }
            Instance instance = new Instance(function, index, log);
            list.add(instance);
            instance.start(false);
            return instance;
        }
    }

    /** Scales {@code function} out by one instance, reserved for the caller; null at the maximum. */
    private Instance scaleOut(String function) {
        List<Instance> list = instances.get(function);
        synchronized (list) {
            if (closed || list.size() >= limits.get(function)) {
                return null;
            }
            scaledOut.incrementAndGet();
            return newInstance(function);
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
        for (List<Instance> list : instances.values()) {
            for (Instance instance : list) {
                Live live = instance.live();
                RuntimeApiServer api = live.api();
                FunctionProcess process = live.process();
                boolean ready = false;
                while (!ready && process.isAlive() && api.initError() == null && System.nanoTime() < deadline) {
                    ready = api.awaitReady(Duration.ofMillis(100));
                }
                if (!ready) {
                    String why = api.initError() != null ? "init error " + api.initError()
                            : !process.isAlive() ? "its JVM exited" : "no poll within " + wait.toSeconds() + " s";
                    failed.add(instance.function + " (" + why + "; log: " + process.log() + ")");
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("functions did not start: " + String.join(", ", failed));
        }
    }

    /** The function JVMs running now (a replaced one is no longer listed). */
    public List<FunctionProcess> processes() {
        List<FunctionProcess> all = new ArrayList<>();
        for (List<Instance> list : instances.values()) {
            for (Instance instance : list) {
                all.add(instance.live().process());
            }
        }
        return all;
    }

    /** The events being run right now. */
    public List<InFlight> inFlight() {
        List<InFlight> running = new ArrayList<>();
        instances.values().forEach(list -> list.forEach(i -> {
            InFlight current = i.current;
            if (current != null) {
                running.add(current);
            }
        }));
        return running;
    }

    /**
     * SIGKILLs the JVM of every instance that is running an event {@code which} picks; each comes back as a new JVM
     * for its next event. Returns what was killed.
     */
    public List<InFlight> killWhere(Predicate<InFlight> which) {
        List<InFlight> killed = new ArrayList<>();
        for (List<Instance> list : instances.values()) {
            for (Instance instance : list) {
                InFlight current = instance.current;
                if (current != null && which.test(current) && instance.kill(current.requestId())) {
                    killed.add(current);
                    kills.incrementAndGet();
                }
            }
        }
        return killed;
    }

    /** How many JVMs were started to replace dead ones. */
    public int restarts() {
        return restarts.get();
    }

    /** How many instances were added because all were busy. */
    public int scaledOut() {
        return scaledOut.get();
    }

    /** How many JVMs {@link #killWhere} killed. */
    public int kills() {
        return kills.get();
    }

    @Override
    public String invoke(String function, String eventJson) {
        Answer answer = call(function, eventJson);
        return switch (answer.outcome()) {
            case ANSWERED -> answer.body();
            case FUNCTION_ERROR, CRASHED -> INTERNAL_ERROR;
            case TIMED_OUT -> throw new FunctionUnavailableException("Service Unavailable: function '" + function
                    + "' timed out");
            case THROTTLED -> throw new FunctionUnavailableException("Service Unavailable: every instance of '"
                    + function + "' is busy");
            case NOT_RUNNING -> throw new FunctionUnavailableException(answer.body());
        };
    }

    /** What the Lambda service got for one event: the function's result document, or why there is none. */
    public record Answer(Outcome outcome, String body) {
    }

    /** Runs one event on an idle instance of {@code function}, as a synchronous Lambda invocation. */
    public Answer call(String function, String eventJson) {
        BlockingQueue<Instance> free = idle.get(function);
        String requestId = requestId(eventJson);
        long start = System.nanoTime();
        if (free == null) {
            return report(function, requestId, start, start, new Answer(Outcome.NOT_RUNNING, "function '"
                    + function + "' is not part of this build"));
        }
        Instance instance = free.poll();
        if (instance == null) {
            instance = scaleOut(function);
        }
        try {
            if (instance == null) {
                instance = free.poll(settings.waitForInstance.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return report(function, requestId, start, System.nanoTime(), new Answer(Outcome.THROTTLED,
                    "interrupted"));
        }
        long dispatched = System.nanoTime();
        if (instance == null) {
            return report(function, requestId, start, dispatched, new Answer(Outcome.THROTTLED,
                    "no free instance"));
        }
        try {
            return run(instance, function, requestId, eventJson, start, dispatched);
        } finally {
            free.add(instance);
        }
    }

    /**
     * Runs the event on {@code instance}. An instance whose JVM just died (or whose Runtime API was just replaced
     * before it took the event) is waited for once: the event goes to its replacement, as Lambda routes to a live
     * environment.
     */
    private Answer run(Instance instance, String function, String requestId, String eventJson, long start,
                       long dispatched) {
        for (int attempt = 0; ; attempt++) {
            RuntimeApiServer api;
            FunctionProcess process;
            synchronized (instance) {
                api = instance.api;
                process = instance.process;
                if (process.isAlive()) {
                    instance.current = new InFlight(function, instance.index, process.pid(), requestId, eventJson);
                }
            }
            if (!process.isAlive()) {
                if (attempt == 0) {
                    instance.awaitReplaced(process);
                    continue;
                }
                return report(function, requestId, start, dispatched, new Answer(Outcome.NOT_RUNNING, "function '"
                        + function + "' is not running (see " + process.log() + ")"));
            }
            try {
                RuntimeApiServer.Result result = api.invoke(eventJson);
                if (!result.error()) {
                    return report(function, requestId, start, dispatched, new Answer(Outcome.ANSWERED,
                            result.body()));
                }
                boolean crashed = result.body().contains("Runtime.ExitError");
                return report(function, requestId, start, dispatched, new Answer(crashed ? Outcome.CRASHED
                        : Outcome.FUNCTION_ERROR, result.body()));
            } catch (TimeoutException e) {
                // Lambda ends the execution environment of a timed-out invocation; the next event gets a new one
                // (the instance is free again only once its replacement is starting).
                if (instance.kill(requestId)) {
                    instance.awaitReplaced(process);
                }
                return report(function, requestId, start, dispatched, new Answer(Outcome.TIMED_OUT, "timed out"));
            } catch (IllegalStateException e) {
                // the Runtime API was stopped before the function took the event: its JVM died meanwhile
                if (attempt == 0) {
                    instance.awaitReplaced(process);
                    continue;
                }
                return report(function, requestId, start, dispatched, new Answer(Outcome.NOT_RUNNING,
                        e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return report(function, requestId, start, dispatched, new Answer(Outcome.NOT_RUNNING,
                        "interrupted"));
            } finally {
                instance.current = null;
            }
        }
    }

    private Answer report(String function, String requestId, long start, long dispatched, Answer answer) {
        int status = switch (answer.outcome()) {
            case ANSWERED -> statusOf(answer.body());
            case FUNCTION_ERROR, CRASHED -> 500;
            default -> 503;
        };
        settings.listener.accept(new Invocation(function, status, (System.nanoTime() - start) / 1_000_000, requestId,
                answer.outcome(), (dispatched - start) / 1_000_000));
        return answer;
    }

    private static int statusOf(String result) {
        try {
            return JSON.readTree(result).path("statusCode").asInt(200);
        } catch (IOException e) {
            return 200;
        }
    }

    /** API Gateway's request id of an HTTP API event, or the id of an EventBridge event. */
    private static String requestId(String eventJson) {
        try {
            JsonNode event = JSON.readTree(eventJson);
            String id = event.path("requestContext").path("requestId").asText("");
            return id.isEmpty() ? event.path("id").asText("-") : id;
        } catch (IOException e) {
            return "-";
        }
    }

    /** Stops every JVM (in parallel), then the Runtime API servers. */
    @Override
    public void close() {
        closed = true;
        List<Instance> all = instances.values().stream().flatMap(List::stream).toList();
        all.forEach(Instance::stopAsync);
        for (Instance instance : all) {
            Live live = instance.live();
            live.process().awaitStopped();
            live.api().close();
        }
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
