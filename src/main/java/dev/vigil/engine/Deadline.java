package dev.vigil.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * A timeout scope: a step's {@code timeout}, a loop's {@code iteration-timeout} or the workflow's
 * {@code settings.timeout}. When it passes, the watchdog flags it and interrupts the run's thread.
 */
final class Deadline {

    enum Kind { STEP, ITERATION, WORKFLOW }

    final Kind kind;
    final Instant at;
    final Duration configured;
    final String stepName;
    volatile boolean fired;

    Deadline(Kind kind, Instant at, Duration configured, String stepName) {
        this.kind = kind;
        this.at = at;
        this.configured = configured;
        this.stepName = stepName;
    }
}
