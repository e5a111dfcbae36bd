package io.github.vcl.bench;

import io.github.vcl.local.lambda.FunctionProcess;
import io.github.vcl.local.lambda.RuntimeApiServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One cold start of a packaged function, timed from outside as a caller of Lambda sees it: its JVM started under
 * AWS's runtime interface client ({@link FunctionProcess}) against a fresh local Runtime API, which hands it one event.
 *
 * @param startToFirstResponseMillis from starting the process to the function's answer to its first event
 * @param firstInvocationMillis      from the runtime's first poll (its init is over) to that answer
 * @param cpuMillis                  the CPU time the function's JVM had used by then (what a busy machine changes
 *                                   less than the wall-clock times)
 * @param answer                     the function's answer
 */
record ColdStart(double startToFirstResponseMillis, double firstInvocationMillis, double cpuMillis, String answer) {
    private static final Duration INIT = Duration.ofSeconds(90);
    private static final Duration CALL = Duration.ofSeconds(60);

    static ColdStart measure(String function, String handler, Path taskRoot, FunctionProcess.Runtime runtime,
                             Map<String, String> env, String event, Path log) throws Exception {
        try (RuntimeApiServer api = RuntimeApiServer.start(function, CALL)) {
            long start = System.nanoTime();
            try (FunctionProcess process = FunctionProcess.start(function, handler, taskRoot, runtime, api, env,
                    log, false)) {
                awaitFirstPoll(api, process);
                long ready = System.nanoTime();
                RuntimeApiServer.Result result = api.invoke(event);
                long answered = System.nanoTime();
                if (result.error()) {
                    throw new AssertionError(function + " failed its first event: " + result.body() + " (log: "
                            + log + ")");
                }
                double cpu = process.handle().info().totalCpuDuration().orElseThrow().toNanos() / 1e6;
                return new ColdStart((answered - start) / 1e6, (answered - ready) / 1e6, cpu, result.body());
            }
        }
    }

    private static void awaitFirstPoll(RuntimeApiServer api, FunctionProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + INIT.toNanos();
        while (!api.awaitReady(Duration.ofMillis(20))) {
            if (api.initError() != null || !process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(process.function() + " did not start: " + (api.initError() != null
                        ? api.initError() : process.isAlive() ? "no poll within " + INIT : "its JVM exited")
                        + " (log: " + process.log() + ")");
            }
        }
    }
}
