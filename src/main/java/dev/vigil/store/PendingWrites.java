package dev.vigil.store;

import dev.vigil.engine.StepExecution;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Step records and log lines written but not yet committed, per execution. The executor saves a step two or three
 * times per run of it (started, finished) and logs as it goes; buffering them until the next flush or execution save
 * turns dozens of tiny transactions into one, and a step saved twice before a flush is written once.
 *
 * <p>Each execution's entry is also where its writes are ordered: whatever takes the buffer hands it to the writer
 * while holding the entry (a {@link ConcurrentHashMap#compute} section), and the writer commits in the order it was
 * given, so two flushes of one execution from two threads ({@code parallel} branches) can never commit out of order.
 * The entry remembers the execution's latest submitted write until it completes, so that a flush or a read also
 * waits for writes another thread took from the buffer a moment earlier.
 */
final class PendingWrites {

    /** An execution's writes taken from its buffer, to be committed together. */
    record Batch(List<StoredStep> steps, List<StoredLog> logs) {

        static final Batch EMPTY = new Batch(List.of(), List.of());

        void save(Tx tx) throws SQLException {
            StoredStep.saveAll(tx, steps);
            StoredLog.saveAll(tx, logs);
        }
    }

    private static final class Entry {
        /** By step id: the latest save wins and keeps the place of the first. */
        final Map<String, StoredStep> steps = new LinkedHashMap<>();
        final List<StoredLog> logs = new ArrayList<>();
        CompletableFuture<?> lastWrite;

        boolean empty() {
            return steps.isEmpty() && logs.isEmpty();
        }

        int size() {
            return steps.size() + logs.size();
        }

        Batch take() {
            if (empty()) {
                return Batch.EMPTY;
            }
            Batch batch = new Batch(List.copyOf(steps.values()), List.copyOf(logs));
            steps.clear();
            logs.clear();
            return batch;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * Encodes and buffers a step record, handing the encoder the same step's record still buffered, if any (see
     * {@link StoredStep#encode(ValueCodec, StepExecution, StoredStep)}); returns how many writes the execution has
     * buffered now. An encoder that throws buffers nothing.
     */
    int add(StepExecution step, BiFunction<StepExecution, StoredStep, StoredStep> encoder) {
        int[] size = new int[1];
        entries.compute(step.executionId(), (id, entry) -> {
            Entry e = entry == null ? new Entry() : entry;
            e.steps.put(step.id(), encoder.apply(step, e.steps.get(step.id())));
            size[0] = e.size();
            return e;
        });
        return size[0];
    }

    /** Buffers a log line; returns how many writes the execution has buffered now. */
    int add(StoredLog log) {
        int[] size = new int[1];
        entries.compute(log.executionId(), (id, entry) -> {
            Entry e = entry == null ? new Entry() : entry;
            e.logs.add(log);
            size[0] = e.size();
            return e;
        });
        return size[0];
    }

    /**
     * Takes the execution's buffer (possibly empty) and submits it with whatever the caller's unit of work adds,
     * in one write ordered after every earlier write of the execution.
     */
    <T> CompletableFuture<T> submit(String executionId, Function<Batch, CompletableFuture<T>> submit) {
        AtomicReference<CompletableFuture<T>> submitted = new AtomicReference<>();
        entries.compute(executionId, (id, entry) -> {
            Entry e = entry == null ? new Entry() : entry;
            CompletableFuture<T> write = submit.apply(e.take());
            e.lastWrite = write;
            submitted.set(write);
            return e;
        });
        CompletableFuture<T> write = submitted.get();
        // outside compute: a write already done runs this at once, and compute must not recurse into the map
        write.whenComplete((result, failure) -> forget(executionId, write));
        return write;
    }

    /**
     * Submits what the execution has buffered, if anything; returns the write that every earlier write of the
     * execution is committed by, or null when none is pending.
     */
    CompletableFuture<?> flush(String executionId, Function<Batch, CompletableFuture<?>> submit) {
        AtomicReference<CompletableFuture<?>> pending = new AtomicReference<>();
        AtomicReference<CompletableFuture<?>> submitted = new AtomicReference<>();
        entries.computeIfPresent(executionId, (id, e) -> {
            if (!e.empty()) {
                e.lastWrite = submit.apply(e.take());
                submitted.set(e.lastWrite);
            }
            pending.set(e.lastWrite);
            return e;
        });
        CompletableFuture<?> write = submitted.get();
        if (write != null) {
            write.whenComplete((result, failure) -> forget(executionId, write));
        }
        return pending.get();
    }

    /** Executions with buffered or in-flight writes. */
    Set<String> executionIds() {
        return Set.copyOf(entries.keySet());
    }

    /** Drops the entry once its latest write is done and nothing new was buffered. */
    private void forget(String executionId, CompletableFuture<?> write) {
        entries.computeIfPresent(executionId, (id, e) -> e.lastWrite == write && e.empty() ? null : e);
    }
}
