package dev.vigil.store;

import dev.vigil.engine.EngineClock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges job history in the background: finished executions older than {@code maxAge}, and beyond the newest
 * {@code keepNewest}. Each pass deletes in batches of {@code batchSize} (by default 100 executions with their
 * steps and logs), one short transaction each on the store's one writer, with a pause between batches, so that
 * workers writing to the same database are never held up behind one long delete.
 * Running executions are never purged, whatever their age.
 */
public final class HistoryRetention implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);

    /**
     * @param maxAge     finished executions older than this are deleted
     * @param keepNewest at most this many finished executions are kept
     * @param interval   time between passes
     * @param batchSize  executions deleted per transaction
     * @param pause      pause between two batches of one pass
     */
    public record Policy(Duration maxAge, int keepNewest, Duration interval, int batchSize, Duration pause) {
        public static final Policy DEFAULT =
                new Policy(Duration.ofDays(30), 100_000, Duration.ofMinutes(5), 100, Duration.ofMillis(20));

        public Policy {
            if (maxAge.isNegative() || keepNewest < 0 || batchSize < 1 || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("retention: max age and keep-newest must not be negative,"
                        + " batch size and interval must be positive; got " + maxAge + ", " + keepNewest + ", "
                        + batchSize + ", " + interval);
            }
        }
    }

    private final JobStore store;
    private final EngineClock clock;
    private final Policy policy;
    private volatile boolean closed;
    private volatile EngineClock.Scheduled next;

    public HistoryRetention(JobStore store, EngineClock clock, Policy policy) {
        this.store = store;
        this.clock = clock;
        this.policy = policy;
    }

    public void start() {
        next = clock.schedule(policy.interval(), this::passInBackground);
    }

    private void passInBackground() {
        // scheduled tasks must not block the clock's timer thread: the pass runs on its own virtual thread
        Thread.ofVirtual().name("vigil-retention").start(() -> {
            try {
                purgeNow();
            } catch (RuntimeException e) {
                if (!closed) {      // a pass cut short by shutdown is not a failure
                    LOG.warn("purging job history failed; trying again in {}", policy.interval(), e);
                }
            } finally {
                if (!closed) {
                    next = clock.schedule(policy.interval(), this::passInBackground);
                }
            }
        });
    }

    /** One whole pass, now, on the calling thread. @return how many executions were deleted */
    public int purgeNow() {
        Instant cutoff = clock.now().minus(policy.maxAge());
        int total = 0;
        while (!closed) {
            int deleted = store.purge(cutoff, policy.keepNewest(), policy.batchSize());
            total += deleted;
            if (deleted < policy.batchSize()) {
                break;
            }
            try {
                clock.sleep(policy.pause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (total > 0) {
            LOG.info("purged {} finished executions (older than {} or beyond the newest {})", total,
                    policy.maxAge(), policy.keepNewest());
        }
        return total;
    }

    @Override
    public void close() {
        closed = true;
        EngineClock.Scheduled scheduled = next;
        if (scheduled != null) {
            scheduled.cancel();
        }
    }
}
