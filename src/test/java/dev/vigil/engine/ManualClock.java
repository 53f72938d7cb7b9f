package dev.vigil.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that only moves when told: {@link #advance} (from the test) or {@link #sleep} (from the engine, which
 * jumps instead of waiting). Scheduled tasks fire when time passes their due instant.
 */
public final class ManualClock implements EngineClock {

    private Instant now;
    private final List<Task> tasks = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();

    private record Task(Instant due, Runnable action, boolean[] cancelled) {
    }

    public ManualClock(Instant start) {
        this.now = start;
    }

    public ManualClock() {
        this(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        synchronized (this) {
            sleeps.add(duration);
        }
        advance(duration);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now.plus(delay), task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time forward and runs every task that became due, in due order. */
    public void advance(Duration duration) {
        List<Task> due = new ArrayList<>();
        synchronized (this) {
            if (!duration.isNegative()) {
                now = now.plus(duration);
            }
            for (Task t : List.copyOf(tasks)) {
                if (!t.due().isAfter(now)) {
                    tasks.remove(t);
                    if (!t.cancelled()[0]) {
                        due.add(t);
                    }
                }
            }
        }
        due.sort((a, b) -> a.due().compareTo(b.due()));
        due.forEach(t -> t.action().run());
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
