package dev.vigil.alert;

import dev.vigil.engine.Conditions;
import dev.vigil.engine.Executor;
import dev.vigil.engine.RunRequest;
import dev.vigil.enrichment.Enrichments;
import dev.vigil.investigations.Grouping;
import dev.vigil.investigations.Investigation;
import dev.vigil.investigations.InvestigationEvents;
import dev.vigil.investigations.InvestigationService;
import dev.vigil.model.Settings.LiquidLimits;
import dev.vigil.model.Trigger;
import dev.vigil.model.Workflow;
import dev.vigil.steps.StepFailure;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What an alert's grouping starts besides the alert's own workflows: when it opened an investigation, every active
 * workflow with an {@code investigation} trigger; for every indicator the investigation gained, every active workflow
 * whose {@code indicator} trigger lists its type, through {@link Enrichments} (which may reuse a cached run instead).
 * A workflow with several matching triggers starts once; an {@code on.condition} (KQL over the event) must hold.
 */
public final class InvestigationTriggers {

    private final Conditions conditions;
    private final InvestigationService investigations;
    private final Enrichments enrichments;
    private final InstantSource clock;

    public InvestigationTriggers(Conditions conditions, InvestigationService investigations, Enrichments enrichments,
                                 InstantSource clock) {
        this.conditions = conditions;
        this.investigations = investigations;
        this.enrichments = enrichments;
        this.clock = clock;
    }

    /**
     * @param alertEvent the event of the alert that was grouped: its documents are the new investigation's alerts
     * @return the workflows not started, one message each (a condition that failed to evaluate, refused inputs)
     */
    public List<String> start(Grouping grouping, Map<String, Object> alertEvent, String executedBy,
                              List<AlertIntake.ActiveWorkflow> active, AlertIntake.Starter starter) {
        List<String> problems = new ArrayList<>();
        Investigation investigation = grouping.investigation();
        if (grouping.opened()) {
            List<Object> documents = alertEvent.get("alerts") instanceof List<?> list ? List.copyOf(list) : List.of();
            Map<String, Object> event = InvestigationEvents.of(investigation, documents);
            for (AlertIntake.ActiveWorkflow workflow : active) {
                if (takes(workflow.workflow(), event, Trigger.Investigation.class, t -> true,
                        Trigger.Investigation::condition, problems)) {
                    startOnInvestigation(workflow, investigation, event, executedBy, starter, problems);
                }
            }
        }
        for (Investigation.Indicator indicator : grouping.newIndicators()) {
            Map<String, Object> event = InvestigationEvents.indicator(investigation, indicator);
            for (AlertIntake.ActiveWorkflow workflow : active) {
                if (takes(workflow.workflow(), event, Trigger.Indicator.class,
                        t -> t.types().contains(indicator.type()), Trigger.Indicator::condition, problems)) {
                    try {
                        enrichments.enrich(investigation, indicator, workflow.workflowId(), workflow.version(),
                                executedBy, request -> starter.start(workflow, request));
                    } catch (Executor.InvalidInputs refused) {
                        problems.add("workflow " + workflow.workflow().name() + ": " + refused.getMessage());
                    }
                }
            }
        }
        return problems;
    }

    private void startOnInvestigation(AlertIntake.ActiveWorkflow workflow, Investigation investigation,
                                      Map<String, Object> event, String executedBy, AlertIntake.Starter starter,
                                      List<String> problems) {
        RunRequest request = new RunRequest(workflow.workflowId(), Map.of(), event, "investigation", executedBy,
                false, Map.of("investigationId", investigation.id()), null, false, null);
        Instant submitted = clock.instant();
        try {
            String executionId = starter.start(workflow, request);
            investigations.jobStarted(investigation.id(), executionId, workflow.workflowId(), executedBy, submitted);
        } catch (Executor.InvalidInputs refused) {
            problems.add("workflow " + workflow.workflow().name() + ": " + refused.getMessage());
        }
    }

    /** True when one of the workflow's triggers of {@code kind} matches and its condition holds. */
    private <T extends Trigger> boolean takes(Workflow workflow, Map<String, Object> event, Class<T> kind,
                                              Predicate<T> matches, Function<T, String> condition,
                                              List<String> problems) {
        if (!workflow.enabled()) {
            return false;
        }
        for (Trigger trigger : workflow.triggers()) {
            if (kind.isInstance(trigger) && matches.test(kind.cast(trigger))) {
                Optional<String> kql = Optional.ofNullable(condition.apply(kind.cast(trigger)));
                try {
                    if (kql.isEmpty() || holds(kql.get(), event, workflow, trigger.type() + " trigger")) {
                        return true;
                    }
                } catch (StepFailure e) {
                    problems.add("workflow " + workflow.name() + ": " + e.getMessage());
                    return false;
                }
            }
        }
        return false;
    }

    /** As {@link AlertRouter}: rendered with {@code event} in scope, then KQL over the event itself. */
    private boolean holds(String condition, Map<String, Object> event, Workflow workflow, String where)
            throws StepFailure {
        Map<String, Object> subject = new LinkedHashMap<>(event);
        subject.put("event", event);
        LiquidLimits limits = workflow.settings() == null || workflow.settings().liquid() == null
                ? LiquidLimits.DEFAULTS : workflow.settings().liquid();
        return conditions.evaluate(condition, Map.of("event", event), subject, limits, clock.instant(), where);
    }
}
