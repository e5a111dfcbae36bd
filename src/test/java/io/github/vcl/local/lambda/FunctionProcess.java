package io.github.vcl.local.lambda;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One function in its own JVM, started as the Lambda Java runtime starts a JVM-mode function: the unpacked
 * {@code function.zip} as the task root ({@code /var/task} in AWS: the application's classes and {@code lib/}), AWS's
 * runtime interface client ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) as the main class with
 * the Funqy handler {@value #HANDLER}, and {@code AWS_LAMBDA_RUNTIME_API} pointing at a {@link RuntimeApiServer}. The
 * handler boots the Quarkus application, which serves the function named by {@code QUARKUS_FUNQY_EXPORT}.
 * Configuration arrives in the environment, as in Lambda; JVM flags follow the Lambda Java runtime's defaults (C1 only,
 * serial GC) and the function's memory size.
 *
 * <p>(Quarkus' own Lambda poll loop, what the native {@code provided.al2023} executable runs, is only built into
 * native images: {@code FunqyLambdaBuildStep.startPoolLoop} is {@code onlyIf = NativeBuild.class}. A JVM-mode
 * application therefore needs the runtime interface client, exactly as in AWS.)
 */
public final class FunctionProcess implements AutoCloseable {
    public static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Funqy's stream handler, with the Lambda request id in the log context (as a java17 Lambda would name it). */
    public static final String HANDLER = "io.github.vcl.function.LambdaHandler::handleRequest";
    /** Where the runtime interface client loads its native library from, when set. */
    public static final String NATIVE_CLIENT_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    /**
     * The Lambda Java runtime's own parts: the runtime interface client's classpath, its native library, and a
     * directory for each function's {@code /tmp}.
     */
    public record Runtime(List<Path> classpath, Path nativeClient, Path tmpRoot) {
    }

    /** The deployed functions' memory size (template.yaml). */
    public static final int MEMORY_MB = 512;

    private final String function;
    private final Process process;
    private final Path log;

    private FunctionProcess(String function, Process process, Path log) {
        this.function = function;
        this.process = process;
        this.log = log;
    }

    /**
     * @param taskRoot       the unpacked {@code function.zip}
     * @param runtime        the runtime interface client: its classpath and its native library
     * @param env            the function's environment, besides what Lambda itself sets, which this adds
     * @param log            where its stdout and stderr go
     */
    public static FunctionProcess start(String function, Path taskRoot, Runtime runtime,
                                        RuntimeApiServer runtimeApi, Map<String, String> env, Path log) {
        return start(function, taskRoot, runtime, runtimeApi, env, log, false);
    }

    /** As above; {@code appendLog} keeps what an earlier process of the same function wrote to its log. */
    public static FunctionProcess start(String function, Path taskRoot, Runtime runtime,
                                        RuntimeApiServer runtimeApi, Map<String, String> env, Path log,
                                        boolean appendLog) {
        return start(function, HANDLER, taskRoot, runtime, runtimeApi, env, log, appendLog);
    }

    /** As above, with another application's {@code handler} (e.g. Funqy's own, in a project without ours). */
    public static FunctionProcess start(String function, String handler, Path taskRoot, Runtime runtime,
                                        RuntimeApiServer runtimeApi, Map<String, String> env, Path log,
                                        boolean appendLog) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:MaxRAM=" + MEMORY_MB + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-Djava.net.preferIPv4Stack=true"));
        // Each instance has its own /tmp in Lambda; and the client's native library is unpacked once beforehand, as
        // concurrent JVMs unpacking it to the same /tmp file crash each other (SIGBUS).
        Path tmp = runtime.tmpRoot().resolve(function);
        try {
            java.nio.file.Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        command.add("-Djava.io.tmpdir=" + tmp);
        command.add("-D" + NATIVE_CLIENT_PROPERTY + "=" + runtime.nativeClient());
        command.add("-classpath");
        command.add(String.join(java.io.File.pathSeparator, runtime.classpath().stream().map(Path::toString)
                .toList()));
        command.add(RUNTIME_MAIN);
        command.add(handler);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()));
        // Start from a clean environment, as Lambda does: only what the function is given.
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear();
        if (path != null) {
            environment.put("PATH", path);
        }
        environment.putAll(env);
        environment.put("QUARKUS_FUNQY_EXPORT", function);
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "vcl-local-" + function);
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(MEMORY_MB));
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/vcl-local-" + function);
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        try {
            return new FunctionProcess(function, builder.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the JVM of function " + function, e);
        }
    }

    public String function() {
        return function;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGKILL, as a crashing or reclaimed Lambda execution environment ends: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Asks the JVM to stop (SIGTERM: Quarkus shuts down cleanly), then forces it after a few seconds. */
    public void stopAsync() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    public void awaitStopped() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stopAsync();
        awaitStopped();
    }
}
