package dev.vigil.model;

import java.time.Duration;
import java.util.List;

/**
 * {@code on-failure} of a step or of {@code settings} (WORKFLOW_FORMAT.md §2.2). Processing order: retry,
 * then fallback, then continue.
 *
 * @param continueWhen null (fail), {@code Boolean.TRUE}, or a condition string evaluated at failure time
 */
public record OnFailure(Retry retry, List<Step> fallback, Object continueWhen) {

    public OnFailure {
        fallback = fallback == null ? List.of() : List.copyOf(fallback);
    }

    /**
     * @param maxAttempts number of re-runs after the first run (reference engine semantics, see docs/format.md)
     */
    public record Retry(int maxAttempts, Duration delay, String condition, String strategy, double multiplier,
                        Duration maxDelay, boolean jitter) {

        /** Delay before re-run number {@code n} (1-based). */
        public Duration delayBefore(int n) {
            if (delay == null) {
                return Duration.ZERO;
            }
            if (!"exponential".equals(strategy)) {
                return delay;
            }
            double millis = delay.toMillis() * Math.pow(multiplier, n - 1);
            long capped = maxDelay == null ? (long) Math.min(millis, Long.MAX_VALUE) : (long) Math.min(millis, maxDelay.toMillis());
            return Duration.ofMillis(capped);
        }
    }
}
