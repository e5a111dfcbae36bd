package io.github.vcl.local.dynamodb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real DynamoDB-API server without Docker: dynalite from npm ({@code node_modules}, installed by the build from
 * package-lock.json), in memory, on a free loopback port. One per JVM, started on first use and stopped when the JVM
 * exits, so no process or port outlives the test run.
 */
public final class Dynalite {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static Dynalite shared;

    private final Process process;
    private final URI endpoint;

    private Dynalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The JVM-wide server, started on first call. */
    public static synchronized Dynalite shared() {
        if (shared == null) {
            shared = start(projectDir());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "dynalite-stop"));
        }
        return shared;
    }

    public static Dynalite start(Path projectDir) {
        Path cli = projectDir.resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(cli + " is missing: run `npm ci` (the Maven build does it) first");
        }
        int port = freePort();
        try {
            Process process = new ProcessBuilder("node", cli.toString(), "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Dynalite server = new Dynalite(process, URI.create("http://127.0.0.1:" + port));
            server.awaitListening(port);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start dynalite with node", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    public void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitListening(int port) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        stop();
        throw new IllegalStateException("dynalite did not listen on port " + port + " within " + START_TIMEOUT);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath();
    }
}
