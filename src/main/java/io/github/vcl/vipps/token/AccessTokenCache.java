package io.github.vcl.vipps.token;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * In-memory access tokens per merchant serial number (one Lambda container).
 * <ul>
 *   <li>At most one fetch per MSN at a time: callers on a cold cache wait for the one fetch in progress.</li>
 *   <li>Refreshed ahead of expiry; while one caller refreshes, the others keep using the still-valid token.</li>
 *   <li>{@link #invalidate} drops a token Vipps rejected (401), unless it was already replaced.</li>
 *   <li>Callers that queued behind a failed fetch get its error for {@link #FAILED_FETCH_HOLD} instead of each
 *       fetching again, so a token endpoint outage is not hammered by every waiting caller.</li>
 * </ul>
 */
public final class AccessTokenCache {

    public static final Duration FAILED_FETCH_HOLD = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(AccessTokenCache.class);

    private final AccessTokenFetcher fetcher;
    private final Clock clock;
    private final ConcurrentMap<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, FailedFetch> failures = new ConcurrentHashMap<>();

    private record FailedFetch(RuntimeException error, Instant at) {
    }

    public AccessTokenCache(AccessTokenFetcher fetcher, Clock clock) {
        this.fetcher = Objects.requireNonNull(fetcher);
        this.clock = Objects.requireNonNull(clock);
    }

    public AccessToken get(String merchantSerialNumber) {
        AccessToken current = tokens.get(merchantSerialNumber);
        Instant now = clock.instant();
        if (current != null && current.isFresh(now)) {
            return current;
        }
        ReentrantLock lock = locks.computeIfAbsent(merchantSerialNumber, k -> new ReentrantLock());
        if (current != null && current.isUsable(now)) {
            // refresh ahead of expiry; whoever does not get the lock keeps using the valid token
            if (!lock.tryLock()) {
                return current;
            }
            try {
                return refreshIfStale(merchantSerialNumber);
            } catch (RuntimeException e) {
                LOG.warnf("vipps.token refresh failed, still using the current token msn=%s error=%s",
                        merchantSerialNumber, e.getClass().getSimpleName());
                return current;
            } finally {
                lock.unlock();
            }
        }
        lock.lock();
        try {
            return refreshIfStale(merchantSerialNumber);
        } finally {
            lock.unlock();
        }
    }

    /** Drops {@code rejected} (e.g. after a 401), unless another caller has already replaced it. */
    public void invalidate(String merchantSerialNumber, AccessToken rejected) {
        if (tokens.remove(merchantSerialNumber, rejected)) {
            LOG.infof("vipps.token dropped after rejection msn=%s", merchantSerialNumber);
        }
    }

    private AccessToken refreshIfStale(String merchantSerialNumber) {
        AccessToken current = tokens.get(merchantSerialNumber);
        if (current != null && current.isFresh(clock.instant())) {
            return current; // someone else refreshed while we waited
        }
        FailedFetch failed = failures.get(merchantSerialNumber);
        if (failed != null && Duration.between(failed.at(), clock.instant()).compareTo(FAILED_FETCH_HOLD) < 0) {
            throw failed.error();
        }
        AccessToken fresh;
        try {
            fresh = fetcher.fetch(merchantSerialNumber);
        } catch (RuntimeException e) {
            failures.put(merchantSerialNumber, new FailedFetch(e, clock.instant()));
            throw e;
        }
        failures.remove(merchantSerialNumber);
        tokens.put(merchantSerialNumber, fresh);
        LOG.debugf("vipps.token fetched msn=%s expiresAt=%s", merchantSerialNumber, fresh.expiresAt());
        return fresh;
    }
}
