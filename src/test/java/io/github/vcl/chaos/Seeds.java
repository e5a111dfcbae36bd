package io.github.vcl.chaos;

/** Derives independent, reproducible seeds from the run's seed and a few numbers (SplitMix64 finalizer). */
final class Seeds {
    private Seeds() {
    }

    static long mix(long seed, long a, long b, long c) {
        long h = seed;
        h = scramble(h ^ scramble(a + 0x9E3779B97F4A7C15L));
        h = scramble(h ^ scramble(b + 0xBF58476D1CE4E5B9L));
        h = scramble(h ^ scramble(c + 0x94D049BB133111EBL));
        return h;
    }

    static long of(String text) {
        return text == null ? 0 : text.hashCode();
    }

    private static long scramble(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
