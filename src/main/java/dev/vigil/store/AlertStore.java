package dev.vigil.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alerts received by the intake, each committed before it is answered, with the dedup decision and the jobs
 * it started. One implementation, {@link JdbcAlertStore}, on the job store's database.
 */
public interface AlertStore {

    Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    /**
     * Stores an alert and decides, in the same transaction, whether it is the original of its dedup key or a
     * duplicate: a duplicate when an original with the same key was received less than the window before it. Of
     * two identical alerts stored at once, on one node or several, exactly one is the original. Committed on return.
     */
    Alert record(NewAlert alert);

    /** Links the jobs (executions) started for an alert; each must exist. */
    void addJobs(String alertId, List<Job> jobs);

    Optional<Alert> alert(String alertId);

    /** The jobs started for an alert, by execution id: in creation order to the millisecond (UUIDv7). */
    List<Job> jobs(String alertId);

    /**
     * An alert as the intake received it.
     *
     * @param source   the shape it came in: {@code generic} or {@code elastic}
     * @param dedupKey see {@code dev.vigil.alert.DedupKeys}, or one the caller gave
     * @param body     the normalized event ({@code {alerts, rule, params, spaceId}})
     */
    record NewAlert(Instant receivedAt, String source, String ruleId, String ruleName, String dedupKey,
                    Map<String, Object> body) {
    }

    /**
     * A stored alert.
     *
     * @param duplicateOf the id of the original alert of its key's window; null when this alert is the original
     */
    record Alert(String id, Instant receivedAt, String source, String ruleId, String ruleName, String dedupKey,
                 String duplicateOf, Map<String, Object> body) {

        /** A duplicate is recorded but starts no job. */
        public boolean duplicate() {
            return duplicateOf != null;
        }
    }

    /** A job started for an alert: the execution of one workflow the alert was routed to. */
    record Job(String workflowId, String executionId) {
    }
}
