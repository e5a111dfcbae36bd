package io.github.vcl.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Stops the local run's child processes even when the launcher itself dies without running its shutdown hook
 * ({@code kill -9}, a crash). A tiny {@code /bin/sh} loop reads child pids from a pipe the launcher holds; when the pipe
 * closes without the word {@code done} (the launcher is gone), it sends SIGTERM to every pid it was given, then
 * SIGKILL to what is left. After a normal stop the launcher writes {@code done} and the reaper exits without touching
 * anything.
 */
final class Reaper implements AutoCloseable {
    private static final String SCRIPT = "pids=''; while read -r line; do "
            + "if [ \"$line\" = done ]; then exit 0; fi; pids=\"$pids $line\"; done; "
            + "[ -n \"$pids\" ] || exit 0; kill $pids 2>/dev/null; sleep 5; kill -9 $pids 2>/dev/null; exit 0";

    private final Process process;
    private final OutputStream pids;

    private Reaper(Process process) {
        this.process = process;
        this.pids = process.getOutputStream();
    }

    /** Starts the reaper, or returns null where there is no {@code /bin/sh}. */
    static Reaper start() {
        try {
            Process process = new ProcessBuilder("/bin/sh", "-c", SCRIPT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Reaper(process);
        } catch (IOException e) {
            return null;
        }
    }

    synchronized void watch(long pid) {
        write(pid + "\n");
    }

    /** The launcher stopped its children itself: the reaper exits without killing anything. */
    @Override
    public synchronized void close() {
        write("done\n");
        try {
            pids.close();
            process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }

    private void write(String line) {
        try {
            pids.write(line.getBytes(StandardCharsets.US_ASCII));
            pids.flush();
        } catch (IOException e) {
            // the reaper is gone (e.g. Ctrl-C reached it too); the shutdown hook still stops every child
        }
    }
}
