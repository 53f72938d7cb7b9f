package dev.vigil.investigations;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.Ids;
import dev.vigil.indicator.IndicatorExtractor;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Investigations: alerts grouped by rule and entity, and what people and jobs did about them, on a timeline.
 *
 * <p>Grouping: an alert joins the newest investigation that is not closed, has the same rule (id, else name) and
 * the same entity ({@code host.name}, else {@code user.name}), and whose last alert came in less than the window
 * before it; otherwise it opens a new one. The lookup and the write are one store transaction.
 */
public final class InvestigationService {

    /** The grouping window when none is configured. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    /** The actor of what Vigil itself does (a job ending). */
    public static final String SYSTEM = "vigil";

    private static final int RETRIES = 5;

    private final InvestigationStore store;
    private final InstantSource clock;
    private final Duration window;
    private final IndicatorExtractor indicators = new IndicatorExtractor();

    public InvestigationService(InvestigationStore store, InstantSource clock, Duration window) {
        this.store = store;
        this.clock = clock;
        this.window = window;
    }

    /**
     * Puts a (not duplicate) alert into an investigation: the one it joined or opened, whether it opened it, and the
     * indicators the alert brought that the investigation did not have.
     */
    public Grouping groupAlert(Map<String, Object> event, String alertId, Instant receivedAt, String actor) {
        AlertFacts facts = AlertFacts.of(event);
        List<Investigation.Indicator> found = indicators.extract(event).stream()
                .map(i -> new Investigation.Indicator(i.type().wireName(), i.value())).distinct().toList();
        String entity = facts.entity() == null ? "" : facts.entity();
        // the investigation as it was before the alert joined it (null: opened); set inside the store's transaction,
        // which may run again, so each run sets it
        AtomicReference<Investigation> before = new AtomicReference<>();
        Investigation chosen = store.group(facts.ruleKey(), entity, receivedAt.minus(window), alertId,
                joined -> {
                    before.set(joined);
                    return joined.withAlert(alertId, found, receivedAt);
                },
                () -> {
                    before.set(null);
                    return new Investigation(Ids.next(receivedAt.toEpochMilli()), title(facts),
                            InvestigationStatus.OPEN, Priority.ofSeverity(facts.severity()), null, facts.ruleId(),
                            facts.ruleName(), facts.ruleKey(), facts.entity(), List.of(alertId), found, receivedAt,
                            receivedAt, receivedAt, 1);
                },
                investigation -> new TimelineEntry(receivedAt, actor, TimelineEntry.Kind.ALERT_ADDED,
                        "alert " + alertId + " added", Map.of("alertId", alertId)));
        List<Investigation.Indicator> had = before.get() == null ? List.of() : before.get().indicators();
        return new Grouping(chosen, before.get() == null,
                chosen.indicators().stream().filter(i -> !had.contains(i)).toList());
    }

    private static String title(AlertFacts facts) {
        String rule = facts.ruleName() != null ? facts.ruleName() : facts.ruleId() != null ? facts.ruleId() : "Alert";
        return facts.entity() == null ? rule : rule + " on " + facts.entity();
    }

    /**
     * A job started on the investigation (by one of its alerts, a trigger or take action).
     *
     * @param at when the job was accepted: the entry is written after the job is submitted, and a fast job may
     *           already have finished by then; the timeline is ordered by time, so this keeps started before finished
     */
    public void jobStarted(String investigationId, String executionId, String workflowId, String actor, Instant at) {
        store.append(investigationId, new TimelineEntry(at, actor, TimelineEntry.Kind.JOB_STARTED,
                "job " + executionId + " of workflow " + workflowId + " started",
                Map.of("executionId", executionId, "workflowId", workflowId)));
    }

    /** A job ended: recorded when its metadata names an investigation (the jobs alerts start do). */
    public void jobFinished(ExecutionRecord job) {
        Object id = job.metadata() == null ? null : job.metadata().get("investigationId");
        if (id instanceof String investigationId) {
            String status = job.status().name().toLowerCase(java.util.Locale.ROOT);
            store.append(investigationId, new TimelineEntry(clock.instant(), SYSTEM, TimelineEntry.Kind.JOB_FINISHED,
                    "job " + job.id() + " of workflow " + job.workflowId() + " finished: " + status,
                    Map.of("executionId", job.id(), "workflowId", job.workflowId(), "status", status)));
        }
    }

    /**
     * An enrichment arrived: the output of an indicator workflow's run ({@code cached}: of an earlier run on the same
     * indicator) is attached to the investigation.
     */
    public void enriched(String investigationId, Investigation.Indicator indicator, String workflowId,
                         String executionId, String status, boolean cached) {
        Map<String, String> refs = new java.util.LinkedHashMap<>(Map.of("indicatorType", indicator.type(),
                "indicatorValue", indicator.value(), "workflowId", workflowId, "status", status,
                "cached", Boolean.toString(cached)));
        if (executionId != null) {
            refs.put("executionId", executionId);
        }
        store.append(investigationId, new TimelineEntry(clock.instant(), SYSTEM, TimelineEntry.Kind.ENRICHED,
                indicator.type() + " " + indicator.value() + " enriched by workflow " + workflowId + ": " + status
                        + (cached ? " (cached)" : ""), refs));
    }

    /**
     * A job of the investigation waits for a person: a {@code decision}, {@code waitForApproval} or
     * {@code waitForInput} step. Written once per decision, by the node whose job started waiting.
     */
    public void decisionRequested(String investigationId, String executionId, String stepPath, String stepType,
                                  String message, Instant at) {
        store.append(investigationId, new TimelineEntry(at, SYSTEM, TimelineEntry.Kind.DECISION_REQUESTED,
                "job " + executionId + " waits for a decision at " + stepPath + (message == null ? "" : ": " + message),
                Map.of("executionId", executionId, "stepPath", stepPath, "stepType", stepType)));
    }

    /** A person answered it ({@code choice}: the option, or the answer's summary); written by the node that took it. */
    public void decisionAnswered(String investigationId, String executionId, String stepPath, String choice,
                                 String actor, String channel, Instant at) {
        Map<String, String> refs = new java.util.LinkedHashMap<>(Map.of("executionId", executionId,
                "stepPath", stepPath, "channel", channel));
        if (choice != null) {
            refs.put("choice", choice);
        }
        store.append(investigationId, new TimelineEntry(at, actor, TimelineEntry.Kind.DECISION_ANSWERED,
                "decision " + stepPath + " of job " + executionId + " answered" + (choice == null ? "" : ": " + choice)
                        + " (" + channel + ")", refs));
    }

    /** Nobody answered in time: {@code outcome} says what happened (the default path taken, or the step failed). */
    public void decisionTimedOut(String investigationId, String executionId, String stepPath, String outcome,
                                 Instant at) {
        store.append(investigationId, new TimelineEntry(at, SYSTEM, TimelineEntry.Kind.DECISION_TIMED_OUT,
                "decision " + stepPath + " of job " + executionId + " timed out: " + outcome,
                Map.of("executionId", executionId, "stepPath", stepPath)));
    }

    public void comment(String id, String text, String actor) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("comment is required and must not be blank");
        }
        appendOrFail(id, new TimelineEntry(clock.instant(), actor, TimelineEntry.Kind.COMMENT, text, Map.of()));
    }

    public void linkCase(String id, String caseId, String actor) {
        appendOrFail(id, new TimelineEntry(clock.instant(), actor, TimelineEntry.Kind.CASE_LINKED,
                "case " + caseId + " linked", Map.of("caseId", caseId)));
    }

    private void appendOrFail(String id, TimelineEntry entry) {
        if (!store.append(id, entry)) {
            throw new InvestigationNotFound(id);
        }
    }

    public Investigation setStatus(String id, InvestigationStatus status, String actor) {
        return update(id, status, null, null, actor);
    }

    public Investigation assign(String id, String assignee, String actor) {
        return update(id, null, null, assignee, actor);
    }

    /** Applies the given changes (null: unchanged; an empty assignee unassigns), one timeline entry per change. */
    public Investigation update(String id, InvestigationStatus status, Priority priority, String assignee,
                                String actor) {
        for (int attempt = 1; ; attempt++) {
            Investigation current = get(id);
            Instant now = clock.instant();
            List<TimelineEntry> entries = new ArrayList<>();
            InvestigationStatus newStatus = status != null ? status : current.status();
            Priority newPriority = priority != null ? priority : current.priority();
            String newAssignee = assignee == null ? current.assignee() : assignee.isBlank() ? null : assignee;
            if (newStatus != current.status()) {
                entries.add(new TimelineEntry(now, actor, TimelineEntry.Kind.STATUS_CHANGED,
                        "status " + current.status().id() + " → " + newStatus.id(),
                        Map.of("from", current.status().id(), "to", newStatus.id())));
            }
            if (newPriority != current.priority()) {
                entries.add(new TimelineEntry(now, actor, TimelineEntry.Kind.PRIORITY_CHANGED,
                        "priority " + current.priority().id() + " → " + newPriority.id(),
                        Map.of("from", current.priority().id(), "to", newPriority.id())));
            }
            if (!java.util.Objects.equals(newAssignee, current.assignee())) {
                entries.add(new TimelineEntry(now, actor, TimelineEntry.Kind.ASSIGNED,
                        newAssignee == null ? "unassigned" : "assigned to " + newAssignee,
                        newAssignee == null ? Map.of() : Map.of("assignee", newAssignee)));
            }
            if (entries.isEmpty()) {
                return current;
            }
            Investigation changed = current.with(newStatus, newPriority, newAssignee, now);
            if (store.update(changed, current.version(), entries)) {
                return changed;
            }
            if (attempt == RETRIES) {
                throw new IllegalStateException("investigation " + id + " kept changing under " + RETRIES
                        + " attempts to update it; try again");
            }
        }
    }

    public Investigation get(String id) {
        return store.find(id).orElseThrow(() -> new InvestigationNotFound(id));
    }

    public List<TimelineEntry> timeline(String id) {
        get(id);
        return store.timeline(id);
    }

    public InvestigationStore.Page find(InvestigationStatus status, int page, int size) {
        return store.search(status, page, size);
    }
}
