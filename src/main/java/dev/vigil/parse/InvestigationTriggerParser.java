package dev.vigil.parse;

import dev.vigil.indicator.IndicatorType;
import dev.vigil.model.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads Vigil's own {@code investigation} and {@code indicator} triggers. Unlike Kibana's triggers, whose fields we
 * read leniently, these are ours, so every field is checked: an unknown one (a {@code type:} meant as
 * {@code types:}) is an error rather than a trigger that silently takes nothing, or everything.
 */
final class InvestigationTriggerParser {

    /** The indicator types a trigger may name: the extractor's wire names. */
    static final List<String> INDICATOR_TYPES = Arrays.stream(IndicatorType.values()).map(IndicatorType::wireName)
            .toList();

    private final ParseContext ctx;

    InvestigationTriggerParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** {@code - type: investigation}, with an optional {@code on.condition}. */
    Trigger investigation(Fields f) {
        onlyFields(f, List.of("type", "on"), "the investigation trigger, which takes only on.condition");
        return new Trigger.Investigation(condition(f));
    }

    /** {@code - type: indicator, with: {types: [ipv4, domain ...]}}, with an optional {@code on.condition}. */
    Trigger indicator(Fields f) {
        onlyFields(f, List.of("type", "with", "on"), "the indicator trigger, which takes with.types and on.condition");
        String condition = condition(f);
        Fields with = Fields.of(f.node("with"), f.path("with"), "'with'", "a mapping with types", ctx.problems);
        if (with == null) {
            if (f.node("with") == null) {
                ctx.problems.add("required", f.path("with"), f.map(), "the indicator trigger needs with.types, the "
                        + "indicator types it runs on, e.g. [ipv4, domain, sha256]");
            }
            return null;
        }
        boolean unknown = onlyFields(with, List.of("types"), "the indicator trigger's 'with', which takes only types");
        if (with.node("types") == null) {
            if (!unknown) { // a misspelt 'types' was just reported: one mistake, one problem
                ctx.problems.add("required", with.path("types"), with.map(), "the indicator trigger needs with.types, "
                        + "e.g. [ipv4, domain, sha256]");
            }
            return null;
        }
        List<String> types = types(with);
        return types == null ? null : new Trigger.Indicator(types, condition);
    }

    /** The listed types, each known; null after a problem. */
    private List<String> types(Fields with) {
        SequenceNode list = with.list("types", "a list of indicator types such as [ipv4, domain, sha256]");
        if (list == null) {
            return null;
        }
        if (list.getValue().isEmpty()) {
            with.problem("required", "types", "'types' must name at least one indicator type; expected some of "
                    + String.join(", ", INDICATOR_TYPES));
            return null;
        }
        List<String> types = new ArrayList<>();
        boolean bad = false;
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String path = Nodes.index(with.path("types"), i);
            String text = Nodes.string(item);
            if (text == null || !INDICATOR_TYPES.contains(text)) {
                String suggestion = text == null ? "" : Suggest.didYouMean(text, INDICATOR_TYPES);
                ctx.problems.add("unknown-indicator-type", path, item, "unknown indicator type "
                        + (text == null ? Nodes.describe(item) : "'" + text + "'")
                        + (suggestion.isEmpty() ? "; expected one of " + String.join(", ", INDICATOR_TYPES)
                        : suggestion));
                bad = true;
            } else if (!types.contains(text)) {
                types.add(text);
            }
        }
        return bad ? null : types;
    }

    /** {@code on.condition}, registered for the KQL/Liquid check; null when there is none. */
    private String condition(Fields f) {
        Fields on = Fields.of(f.node("on"), f.path("on"), "'on'", "a mapping with condition", ctx.problems);
        if (on == null) {
            return null;
        }
        onlyFields(on, List.of("condition"), "'on' of this trigger, which takes only condition");
        String condition = on.string("condition");
        if (condition != null) {
            ctx.condition(on.node("condition"), on.path("condition"));
        }
        return condition;
    }

    /** Reports every key of {@code f} not in {@code allowed}; true when there was one. */
    private boolean onlyFields(Fields f, List<String> allowed, String owner) {
        boolean found = false;
        for (String key : f.keys()) {
            if (!allowed.contains(key)) {
                ctx.problems.add("not-allowed", f.path(key), f.keyNode(key), "'" + key + "' is not a field of "
                        + owner + Suggest.didYouMean(key, allowed));
                found = true;
            }
        }
        return found;
    }
}
