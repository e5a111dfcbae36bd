package io.github.vcl.vipps.http;

import java.time.Duration;

/** Waits between retries; replaced by a recording fake in tests. */
@FunctionalInterface
public interface Sleeper {

    Sleeper THREAD = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
