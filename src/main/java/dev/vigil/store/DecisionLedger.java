package dev.vigil.store;

import java.time.Instant;
import java.util.List;

/**
 * The audit trail of decisions (every request and every attempt to answer, won or refused) and the signed links
 * already used. Implemented by {@link JdbcDecisionLedger} on the job store's database.
 */
public interface DecisionLedger {

    /** One line of the trail; {@code event} is {@code requested}, {@code answered} or {@code refused}. */
    record Entry(String executionId, String stepPath, Instant at, String event, String actor, String channel,
                 String choice, String reason) {
    }

    /**
     * Records an answer attempt; the first one for a step also records the request itself, at {@code requestedAt}
     * (when the step began waiting), by {@code requestedBy} (the step type).
     */
    void record(Entry attempt, Instant requestedAt, String requestedBy);

    /** Records a link's token as used; false when it was used before. */
    boolean firstUse(String token, String executionId, Instant at);

    /** The trail of one job, oldest first. */
    List<Entry> entries(String executionId);
}
