package dev.vigil.store;

import dev.vigil.engine.ExecutionJournal;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable store of executions: the journal the executor writes through, plus what the queue of workers
 * needs. One implementation over JDBC (embedded SQLite by default, PostgreSQL for several nodes), one contract
 * test suite run against both.
 *
 * <p>Leases: a node that claims an execution holds it until {@code leaseUntil} and extends it by heartbeats; an
 * execution whose lease has expired (its node died) is due again, and the next claim replays it. A waiting
 * execution is only a row with a {@code runAfter} time: no thread and no memory hold it.
 */
public interface JobStore extends ExecutionJournal, AutoCloseable {

    /**
     * Stores a new execution (status {@code pending} or {@code queued}) with the exact workflow source it will run,
     * committed before returning. Sources are stored once per distinct text (by SHA-256).
     *
     * @param runAfter when it becomes due (usually now)
     */
    void create(ExecutionRecord execution, String workflowSource, Instant runAfter);

    /** The workflow source an execution runs: the version it started with, even after the workflow changed. */
    String workflowSource(String executionId);

    /**
     * Claims up to {@code max} due executions for {@code nodeId} and leases them until {@code now + lease}. Due:
     * {@code pending}/{@code queued}, {@code waiting}/{@code waiting_for_input} whose {@code runAfter <= now}, and
     * {@code running} whose lease expired. Oldest due first. Safe with several nodes on one PostgreSQL
     * ({@code FOR UPDATE SKIP LOCKED}); on SQLite one write transaction at a time.
     */
    List<ExecutionRecord> claim(String nodeId, int max, Instant now, Duration lease);

    /** Extends this node's lease; false when the node no longer holds it (then it must stop working on it). */
    boolean heartbeat(String executionId, String nodeId, Instant leaseUntil);

    /**
     * Ends this node's lease. {@code runAfter} is when the execution is due again (a long wait's end, an approval
     * deadline), or null when only an answer or nothing will wake it.
     */
    void release(String executionId, String nodeId, Instant runAfter);

    /**
     * Records the answer to the step waiting for input at {@code stepPath} if none exists yet, and makes the
     * execution due now. The first answer wins: the returned answer is the one that counts (compare
     * {@code respondedBy}/{@code respondedAt} to know whether this call won).
     */
    Answer answer(String executionId, String stepPath, Map<String, Object> payload, String respondedBy, Instant at);

    Optional<Answer> answerFor(String executionId, String stepPath);

    /** How many executions have these statuses (queue depth, backpressure, metrics). */
    long count(ExecutionStatus... statuses);

    /**
     * Deletes finished executions (with their steps, logs and answers) that finished before {@code finishedBefore}
     * or are beyond the newest {@code keepNewest}, at most {@code batchSize} per call, in short transactions.
     *
     * @return how many executions were deleted
     */
    int purge(Instant finishedBefore, int keepNewest, int batchSize);

    @Override
    void close();

    /** A person's (or a channel's) answer to a step waiting for input. */
    record Answer(String executionId, String stepPath, Map<String, Object> payload, String respondedBy,
                  Instant respondedAt) {
    }

    /** A value (step input, output, event ...) larger than the store accepts. Nothing was written. */
    final class ValueTooLarge extends IllegalArgumentException {
        public ValueTooLarge(String what, long bytes, long limit) {
            super(what + " is " + bytes + " bytes, over the store's limit of " + limit + " bytes");
        }
    }
}
