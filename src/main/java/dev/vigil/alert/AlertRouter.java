package dev.vigil.alert;

import dev.vigil.engine.Conditions;
import dev.vigil.model.Settings.LiquidLimits;
import dev.vigil.model.Trigger;
import dev.vigil.model.Workflow;
import dev.vigil.steps.StepFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which workflows an alert starts: every enabled workflow with an alert trigger that takes it. A trigger
 * takes an alert when its {@code with.rule_id} (if set) is one of the ids the alert's rule goes by, its
 * {@code with.rule_name} (if set) is one of the rule's names, and its {@code on.condition} (if set) holds. A
 * workflow with several alert triggers starts once when any of them takes the alert.
 *
 * <p>The condition goes through the engine's pipeline ({@link Conditions}: rendered as a template with
 * {@code event} in scope, then a boolean or KQL). Its KQL reads the event: {@code rule.name: "Malware"} and
 * {@code event.rule.name: "Malware"} both work, since the format says "KQL over event" and authors write both.
 */
public final class AlertRouter {

    private final Conditions conditions;

    public AlertRouter(Conditions conditions) {
        this.conditions = conditions;
    }

    /**
     * A routing decision.
     *
     * @param workflows the workflows to start, in the order given
     * @param problems  workflows whose condition could not be evaluated (a template error), one message each;
     *                  they are not started
     */
    public record Routes(List<Workflow> workflows, List<String> problems) {
        public Routes {
            workflows = List.copyOf(workflows);
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param event  the normalized event ({@link AlertEvents#from})
     * @param active the active workflows
     * @param now    the moment KQL date math ({@code now-5m}) is resolved against
     */
    public Routes route(Map<String, Object> event, List<Workflow> active, Instant now) {
        Set<String> ruleIds = AlertFields.ruleIds(event);
        Set<String> ruleNames = AlertFields.ruleNames(event);
        Map<String, Object> context = Map.of("event", event);
        Map<String, Object> subject = new LinkedHashMap<>(event);
        subject.put("event", event);
        List<Workflow> start = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Workflow workflow : active) {
            if (!workflow.enabled()) {
                continue;
            }
            for (Trigger trigger : workflow.triggers()) {
                if (trigger instanceof Trigger.Alert alert && takes(alert, ruleIds, ruleNames)) {
                    try {
                        if (alert.condition() == null || conditions.evaluate(alert.condition(), context, subject,
                                limits(workflow), now, "alert trigger")) {
                            start.add(workflow);
                            break;
                        }
                    } catch (StepFailure e) {
                        problems.add("workflow " + workflow.name() + ": " + e.getMessage());
                    }
                }
            }
        }
        return new Routes(start, problems);
    }

    private static LiquidLimits limits(Workflow workflow) {
        return workflow.settings() == null || workflow.settings().liquid() == null ? LiquidLimits.DEFAULTS
                : workflow.settings().liquid();
    }

    private static boolean takes(Trigger.Alert trigger, Set<String> ruleIds, Set<String> ruleNames) {
        return (trigger.ruleId() == null || ruleIds.contains(trigger.ruleId()))
                && (trigger.ruleName() == null || ruleNames.contains(trigger.ruleName()));
    }
}
