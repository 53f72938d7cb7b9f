package dev.vigil.model;

import java.time.Duration;

/**
 * Workflow {@code settings} (WORKFLOW_FORMAT.md §1.3). Absent values are null.
 *
 * @param maxStepSize cap on one step's output in bytes, or null
 */
public record Settings(Duration timeout, String timezone, Concurrency concurrency, Long maxStepSize,
                       OnFailure onFailure, LiquidLimits liquid) {

    public static final Settings NONE = new Settings(null, null, null, null, null, LiquidLimits.DEFAULTS);

    public record Concurrency(String key, String strategy, int max, int queueSize, Duration queueTtl) {
    }

    /** Per-render Liquid limits: parse (chars), render (ms), memory (units). */
    public record LiquidLimits(int parseLimit, int renderLimitMillis, long memoryLimit) {
        public static final LiquidLimits DEFAULTS = new LiquidLimits(150_000, 1_000, 15_000_000L);
        public static final LiquidLimits MAXIMA = new LiquidLimits(600_000, 2_000, 60_000_000L);
    }
}
