package dev.vigil.store;

import java.time.Instant;
import java.util.List;

/**
 * The audit trail of decisions (every request and every attempt to answer, won or refused) and the signed links
 * already used. Implemented by {@link JdbcDecisionLedger} on the job store's database.
 */
public interface DecisionLedger {

    /**
     * One line of the trail; {@code event} is {@code requested}, {@code answered}, {@code refused},
     * {@code timed-out}, {@code posted} (the question went to a chat channel) or {@code post-failed}.
     */
    record Entry(String executionId, String stepPath, Instant at, String event, String actor, String channel,
                 String choice, String reason) {
    }

    /**
     * Records an answer attempt. The request is normally recorded when the step begins waiting
     * ({@link #requested}); an attempt records it too, at {@code requestedAt} (when the step began waiting), by
     * {@code requestedBy} (the step type), in case it was not (a job that began waiting before this version).
     */
    void record(Entry attempt, Instant requestedAt, String requestedBy);

    /**
     * Records an event that happens once per decision ({@code requested}, {@code timed-out}), under a key made of
     * the event, the job and the step; false when it was recorded before (by this node or another).
     */
    boolean recordOnce(Entry entry);

    /** Records the request of a decision when its step starts waiting; false when it was recorded before. */
    default boolean requested(String executionId, String stepPath, Instant at, String stepType) {
        return recordOnce(new Entry(executionId, stepPath, at, "requested", stepType, stepType, null, null));
    }

    /** Records an event that may happen more than once per decision (a post to a chat channel). */
    void note(Entry entry);

    /** A decision message posted to a chat channel, to update once the decision is made. */
    record Notice(String executionId, String stepPath, String connectorId, String channel, String messageTs,
                  Instant postedAt) {
    }

    /** Remembers a posted decision message. */
    void posted(Notice notice);

    /** The messages posted for one decision, oldest first. */
    List<Notice> notices(String executionId, String stepPath);

    /** Records a link's token as used; false when it was used before. */
    boolean firstUse(String token, String executionId, Instant at);

    /** The trail of one job, oldest first. */
    List<Entry> entries(String executionId);
}
