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
    default void create(ExecutionRecord execution, String workflowSource, Instant runAfter) {
        create(execution, workflowSource, runAfter, null);
    }

    /**
     * Stores a new execution under a concurrency rule ({@code settings.concurrency} with its key rendered), in one
     * transaction with the admission decision, so two nodes admitting at once cannot both take the last place:
     * <ul>
     *   <li>fewer than {@code max} admitted executions of ({@code workflowId}, key) are unfinished: stored as given
     *       ({@code pending}) and counted as admitted;</li>
     *   <li>{@code drop}: stored {@code skipped} (finished, with a reason in {@code error});</li>
     *   <li>{@code queue}: stored {@code queued}, not claimable, while fewer than {@code queueSize} are queued for
     *       the key, else {@code skipped}. When an admitted execution of the key finishes (any terminal status), the
     *       oldest queued one becomes {@code pending} and admitted in the same transaction; one queued longer than
     *       {@code queueTtl} becomes {@code skipped} instead;</li>
     *   <li>{@code cancel-in-progress}: the oldest admitted unfinished executions of the key, enough to make room,
     *       are cancelled as by {@link #requestCancel}, and the new one is stored {@code pending} and admitted.</li>
     * </ul>
     *
     * @param rule null for no concurrency control
     * @return the record as stored (its status says what happened)
     */
    default ExecutionRecord create(ExecutionRecord execution, String workflowSource, Instant runAfter,
                                   ConcurrencyRule rule) {
        return create(execution, workflowSource, runAfter, rule, null);
    }

    /**
     * As {@link #create(ExecutionRecord, String, Instant, ConcurrencyRule)}, and when the execution is admitted
     * (stored {@code pending} or {@code running}) it is leased to {@code lease.nodeId()} in the same transaction:
     * the node that accepted it runs it at once, without a claim, and if that node dies the execution is due
     * again when the lease expires.
     *
     * @param lease null to leave the execution for any node's claim
     */
    ExecutionRecord create(ExecutionRecord execution, String workflowSource, Instant runAfter, ConcurrencyRule rule,
                           HeldBy lease);

    /** A lease taken at creation: the accepting node runs the execution itself. */
    record HeldBy(String nodeId, Instant until) {
    }

    /** The workflow source an execution runs: the version it started with, even after the workflow changed. */
    String workflowSource(String executionId);

    /**
     * Claims up to {@code max} due executions for {@code nodeId} and leases them until {@code now + lease}. Due:
     * {@code pending} and {@code waiting}/{@code waiting_for_input}/{@code running} whose {@code runAfter <= now}
     * and whose lease (if any) expired; {@code queued} executions wait for their concurrency group instead. Oldest due first. Safe with several nodes on one PostgreSQL
     * ({@code FOR UPDATE SKIP LOCKED}); on SQLite one write transaction at a time.
     */
    List<ExecutionRecord> claim(String nodeId, int max, Instant now, Duration lease);

    /**
     * Extends this node's lease. {@link Lease#LOST} when the node no longer holds it (it must stop without writing
     * more); {@link Lease#CANCEL_REQUESTED} when someone asked to cancel it (the lease is extended, and the node
     * cancels the run, which writes its cancelled records).
     */
    Lease heartbeat(String executionId, String nodeId, Instant leaseUntil);

    /**
     * Cancels an execution wherever it is. Not held by any node (pending, queued, waiting, waiting for input, or
     * running with an expired lease): it becomes {@code cancelled} at once with its waiting steps, in one
     * transaction. Held by a node: it is flagged, and that node's next heartbeat sees {@link Lease#CANCEL_REQUESTED}.
     *
     * @return false when the execution does not exist or has already finished
     */
    boolean requestCancel(String executionId, Instant now);

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

    /**
     * A page of the execution history: the executions matching the query's filters, in its order, and how many
     * match in all. Executions are saved as soon as their status changes, so a list shows every state change
     * already committed.
     */
    ExecutionPage executions(ExecutionQuery query);

    /**
     * A page of an execution's log lines in write order ({@code ascending}) or newest first, and how many there are.
     *
     * @param stepPath only the lines of the step at this path ({@code enrich}, {@code loop[2]/enrich}); null for all
     * @param page     1-based
     * @param size     1 to {@value ExecutionQuery#MAX_SIZE}
     */
    LogPage logs(String executionId, String stepPath, int page, int size, boolean ascending);

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

    enum Lease { HELD, LOST, CANCEL_REQUESTED }

    /**
     * {@code settings.concurrency} for one new execution, its key already rendered against the trigger context.
     *
     * @param strategy drop, cancel-in-progress or queue
     */
    record ConcurrencyRule(String workflowId, String key, int max, String strategy, int queueSize,
                           Duration queueTtl) {
    }

    /** A person's (or a channel's) answer to a step waiting for input. */
    record Answer(String executionId, String stepPath, Map<String, Object> payload, String respondedBy,
                  Instant respondedAt) {
    }

    /** A value (step input, output, event ...) larger than the store accepts. Nothing was written. */
    final class ValueTooLarge extends dev.vigil.engine.ValueTooLarge {
        public ValueTooLarge(String what, long bytes, long limit) {
            super(what + " is " + bytes + " bytes, over the store's limit of " + limit + " bytes");
        }
    }
}
