package dev.vigil.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as the engine sees it. Injected so that tests move time instead of waiting: a 24-hour approval
 * timeout is tested in milliseconds. Nothing in the engine calls {@code Instant.now()} or {@code Thread.sleep}.
 */
public interface EngineClock {

    Instant now();

    /** Blocks the calling (virtual) thread for {@code duration}; interruptible. */
    void sleep(Duration duration) throws InterruptedException;

    /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
    Scheduled schedule(Duration delay, Runnable task);

    interface Scheduled {
        void cancel();
    }

    /** Wall-clock time; one daemon thread fires scheduled tasks (they only interrupt or flag, never block). */
    static EngineClock system() {
        return SystemClock.INSTANCE;
    }
}
