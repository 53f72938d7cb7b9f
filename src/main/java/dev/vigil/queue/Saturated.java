package dev.vigil.queue;

import java.time.Duration;

/** Vigil has more accepted work waiting than it is configured to hold: try again later. Nothing was stored. */
public final class Saturated extends RuntimeException {

    private final Duration retryAfter;

    public Saturated(long backlog, long limit, Duration retryAfter) {
        super("Vigil is saturated: " + backlog + " executions are waiting to start (limit " + limit
                + "); retry after " + retryAfter.toSeconds() + " s", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
