package dev.vigil.parse;

import dev.vigil.model.Trigger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads {@code triggers} (WORKFLOW_FORMAT.md §1.1) and the manual trigger's inputs. */
final class TriggerParser {

    /** What the triggers declare: the list and the manual trigger's inputs as JSON schema (null if none). */
    record Triggers(List<Trigger> triggers, Map<String, Object> inputs) {
    }

    static final Pattern EVERY = Pattern.compile("^\\d+[smhd]$");
    static final List<String> BUILT_IN = List.of("manual", "scheduled", "alert", "webhook", "investigation",
            "indicator");
    static final List<String> KNOWN_EVENTS = List.of("workflows.failed", "cases.caseCreated", "cases.caseUpdated",
            "cases.caseStatusUpdated", "cases.attachmentsAdded", "cases.commentsAdded",
            "entityStore.entityAssetCriticalityUpdated", "entityStore.entityRiskScoreChanged");
    static final List<String> WEEKDAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    private final ParseContext ctx;
    private final String defaultTimezone;

    TriggerParser(ParseContext ctx, String defaultTimezone) {
        this.ctx = ctx;
        this.defaultTimezone = defaultTimezone == null ? "UTC" : defaultTimezone;
    }

    Triggers parse(Fields top) {
        List<Trigger> triggers = new ArrayList<>();
        Map<String, Object> inputs = null;
        SequenceNode list = top.list("triggers", "a list of triggers, each with a type");
        if (top.node("triggers") == null) {
            top.missing("triggers");
        } else if (list != null && list.getValue().isEmpty()) {
            top.problem("required", "triggers", "'triggers' must hold at least one trigger, e.g. - type: manual");
        }
        for (int i = 0; list != null && i < list.getValue().size(); i++) {
            String path = Nodes.index(top.path("triggers"), i);
            Fields f = Fields.of(list.getValue().get(i), path, "a trigger", "a mapping with a type", ctx.problems);
            if (f == null) {
                continue;
            }
            String type = f.requiredString("type");
            if (type == null) {
                continue;
            }
            f.owner("the " + type + " trigger");
            Trigger trigger = switch (type) {
                case "manual" -> {
                    if (f.has("inputs")) {
                        inputs = new InputSchemas(ctx).read(f.node("inputs"), f.path("inputs"), "'inputs'", false);
                    }
                    String eventType = f.string("eventType");
                    if (eventType != null && (eventType.isEmpty() || eventType.length() > 512)) {
                        f.problem("out-of-range", "eventType", "'eventType' must be 1 to 512 characters long; got "
                                + eventType.length());
                    }
                    yield new Trigger.Manual(eventType);
                }
                case "scheduled" -> scheduled(f);
                case "alert" -> alert(f);
                case "webhook" -> webhook(f);
                case "investigation" -> new InvestigationTriggerParser(ctx).investigation(f);
                case "indicator" -> new InvestigationTriggerParser(ctx).indicator(f);
                default -> event(f, type);
            };
            if (trigger != null) {
                triggers.add(trigger);
            }
        }
        return new Triggers(triggers, inputs);
    }

    private Trigger scheduled(Fields f) {
        Fields with = Fields.of(f.node("with"), f.path("with"), "'with'", "a mapping with every or rrule",
                ctx.problems);
        if (with == null) {
            if (f.node("with") == null) {
                ctx.problems.add("required", f.path("with"), f.map(),
                        "the scheduled trigger needs with.every (e.g. 5m) or with.rrule");
            }
            return null;
        }
        boolean hasEvery = with.node("every") != null;
        boolean hasRrule = with.node("rrule") != null;
        if (hasEvery == hasRrule) {
            ctx.problems.add(hasEvery ? "conflict" : "required", with.path(), with.map(), hasEvery
                    ? "the scheduled trigger has both with.every and with.rrule; use one of them"
                    : "the scheduled trigger needs with.every (e.g. 5m) or with.rrule");
            return null;
        }
        if (hasEvery) {
            String every = with.string("every");
            if (every != null && !EVERY.matcher(every).matches()) {
                with.problem("bad-duration", "every", "invalid every '" + every
                        + "'; expected a whole number and one unit s, m, h or d, e.g. 30s, 5m, 2h, 1d");
                return null;
            }
            return every == null ? null : new Trigger.Scheduled(every, null);
        }
        Trigger.Rrule rrule = new RruleParser(ctx, defaultTimezone).parse(with);
        return rrule == null ? null : new Trigger.Scheduled(null, rrule);
    }

    private Trigger alert(Fields f) {
        String ruleId = null;
        String ruleName = null;
        Fields with = Fields.of(f.node("with"), f.path("with"), "'with'", "a mapping with rule_id or rule_name",
                ctx.problems);
        if (with != null) {
            ruleId = with.requiredIfPresent("rule_id");
            ruleName = with.requiredIfPresent("rule_name");
        }
        String condition = onBlock(f).condition;
        return new Trigger.Alert(ruleId, ruleName, condition);
    }

    /**
     * The webhook trigger takes no fields. Anything beside {@code type} is an error rather than ignored: a
     * {@code with.secret} or an {@code on.condition} that silently did nothing would be worse than a refusal.
     */
    private Trigger webhook(Fields f) {
        for (String key : f.keys()) {
            if (!key.equals("type")) {
                ctx.problems.add("not-allowed", f.path(key), f.keyNode(key), "'" + key + "' is not a field of the "
                        + "webhook trigger, which has none: its URL and secret come from the server "
                        + "(GET /api/workflows/workflow/<id>/webhook)");
            }
        }
        return new Trigger.Webhook();
    }

    private Trigger event(Fields f, String type) {
        boolean known = KNOWN_EVENTS.contains(type) || type.startsWith("cases.") || type.startsWith("entityStore.");
        if (!known && !f.has("on")) {
            List<String> all = new ArrayList<>(BUILT_IN);
            all.addAll(KNOWN_EVENTS);
            f.problem("unknown-trigger-type", "type", "unknown trigger type '" + type + "'"
                    + (Suggest.closest(type, all) != null ? Suggest.didYouMean(type, all)
                    : "; expected manual, scheduled, alert, webhook, investigation, indicator or an event trigger "
                            + "(workflows.failed, cases.*, entityStore.* ...) with an 'on' block"));
            return null;
        }
        On on = onBlock(f);
        return new Trigger.Event(type, on.condition, on.workflowEvents);
    }

    private record On(String condition, String workflowEvents) {
    }

    private On onBlock(Fields f) {
        Fields on = Fields.of(f.node("on"), f.path("on"), "'on'", "a mapping with condition and/or workflowEvents",
                ctx.problems);
        if (on == null) {
            return new On(null, "avoid-loop");
        }
        String condition = on.string("condition");
        if (condition != null) {
            ctx.condition(on.node("condition"), on.path("condition"));
        }
        return new On(condition, on.oneOf("workflowEvents", List.of("ignore", "avoid-loop", "allow-all"),
                "avoid-loop"));
    }

    /** True when {@code text} is an ISO-8601 date or date-time (with or without offset). */
    static boolean isIsoDate(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeException e) {
            try {
                LocalDateTime.parse(text);
                return true;
            } catch (DateTimeException e2) {
                try {
                    LocalDate.parse(text);
                    return true;
                } catch (DateTimeException e3) {
                    return false;
                }
            }
        }
    }

    static boolean isZone(String text) {
        try {
            ZoneId.of(text);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

}
