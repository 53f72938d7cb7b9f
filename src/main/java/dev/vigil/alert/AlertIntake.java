package dev.vigil.alert;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.RunRequest;
import dev.vigil.investigations.Grouping;
import dev.vigil.investigations.Investigation;
import dev.vigil.investigations.InvestigationService;
import dev.vigil.model.Workflow;
import dev.vigil.store.AlertStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code POST /api/alerts} does, without HTTP: normalize the payload, store the alert (committed, original or
 * duplicate), and for an original start every workflow the router picks and link the jobs to the alert.
 *
 * <p>The alert is committed before any job starts, so an accepted alert is never lost; a crash between the two
 * leaves an alert without jobs (visible as such), never a job without its alert. A duplicate starts nothing.
 *
 * <p>An original is grouped into an investigation before its jobs start; they carry the investigation's id in their
 * metadata, and each is noted on its timeline. Then what the grouping triggers starts: the investigation trigger's
 * workflows when the alert opened the investigation, the indicator trigger's for each indicator it gained.
 */
public final class AlertIntake {

    private final AlertStore store;
    private final AlertRouter router;
    private final EngineClock clock;
    private final InvestigationService investigations;
    private final InvestigationTriggers triggers;

    /** @param triggers what grouping starts: the investigation and indicator triggers */
    public AlertIntake(AlertStore store, AlertRouter router, EngineClock clock, InvestigationService investigations,
                       InvestigationTriggers triggers) {
        this.store = store;
        this.router = router;
        this.clock = clock;
        this.investigations = investigations;
        this.triggers = triggers;
    }

    /** An active workflow as the workflow manager supplies it: its id, active version number, parsed form, source. */
    public record ActiveWorkflow(String workflowId, int version, Workflow workflow, String source) {
    }

    /**
     * Starts one run and returns its execution id: {@code Intake.submit} on a node. May throw
     * {@code dev.vigil.queue.Saturated}; the alert stays recorded with the jobs started so far.
     */
    @FunctionalInterface
    public interface Starter {
        String start(ActiveWorkflow workflow, RunRequest request);
    }

    /**
     * @param alert    the stored alert ({@link AlertStore.Alert#duplicate()} says whether it started anything)
     * @param jobs     the jobs it started
     * @param problems workflows not started because their condition failed to evaluate (or, for the investigation
     *                 and indicator triggers, their inputs were refused)
     * @param investigationId the investigation an original joined or opened; null for a duplicate
     */
    public record Accepted(AlertStore.Alert alert, List<AlertStore.Job> jobs, List<String> problems,
                           String investigationId) {
    }

    /** A stored alert by id (its body is the event it arrived as). */
    public java.util.Optional<AlertStore.Alert> alert(String alertId) {
        return store.alert(alertId);
    }

    /**
     * @param payload   one alert, an array of alerts, or an event {@code {alerts, rule?, params?, spaceId?}}
     * @param dedupKey  the caller's key, or null for {@link DedupKeys#of}
     * @param executedBy who sent it (an API key's name), the runs' {@code executedBy}
     */
    public Accepted accept(Object payload, String dedupKey, String executedBy, List<ActiveWorkflow> active,
                           Starter starter) {
        Map<String, Object> event = AlertEvents.from(payload);
        Instant now = clock.now();
        String key = dedupKey != null && !dedupKey.isBlank() ? dedupKey : DedupKeys.of(event);
        AlertStore.Alert alert = store.record(new AlertStore.NewAlert(now, AlertSource.of(event).wire(),
                AlertFields.ruleId(event), AlertFields.ruleName(event), key, event));
        if (alert.duplicate()) {
            return new Accepted(alert, List.of(), List.of(), null);
        }
        Grouping grouping = investigations.groupAlert(event, alert.id(), alert.receivedAt(), executedBy);
        Investigation investigation = grouping.investigation();
        AlertRouter.Routes routes = router.route(event, active.stream().map(ActiveWorkflow::workflow).toList(), now);
        List<AlertStore.Job> jobs = new ArrayList<>();
        try {
            for (ActiveWorkflow workflow : active) {
                if (routes.workflows().contains(workflow.workflow())) {
                    RunRequest request = new RunRequest(workflow.workflowId(), Map.of(), event, "alert", executedBy,
                            false, Map.of("alertId", alert.id(), "investigationId", investigation.id()), null, false, null);
                    Instant submitted = clock.now();
                    String executionId = starter.start(workflow, request);
                    jobs.add(new AlertStore.Job(workflow.workflowId(), executionId));
                    investigations.jobStarted(investigation.id(), executionId, workflow.workflowId(), executedBy,
                            submitted);
                }
            }
        } finally {
            store.addJobs(alert.id(), jobs); // the jobs started so far, even when the queue refused the next one
        }
        List<String> problems = new ArrayList<>(routes.problems());
        problems.addAll(triggers.start(grouping, event, executedBy, active, starter));
        return new Accepted(alert, jobs, problems, investigation.id());
    }
}
