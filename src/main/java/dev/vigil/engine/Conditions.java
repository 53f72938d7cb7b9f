package dev.vigil.engine;

import dev.vigil.condition.Kql;
import dev.vigil.condition.KqlQuery;
import dev.vigil.condition.KqlSyntaxException;
import dev.vigil.model.Settings.LiquidLimits;
import dev.vigil.steps.StepFailure;
import dev.vigil.template.TemplateEngine;
import dev.vigil.template.TemplateException;
import dev.vigil.template.Undefined;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The condition pipeline of WORKFLOW_FORMAT.md §5: render the text as a template, take a boolean as is,
 * undefined as false, "true"/"false" text as booleans, and any other text as KQL evaluated in memory.
 * Parsed KQL is cached by text: conditions repeat across runs and loop iterations.
 */
public final class Conditions {

    private static final int CACHE_LIMIT = 10_000;

    private final TemplateEngine templates;
    private final Map<String, KqlQuery> parsed = new ConcurrentHashMap<>();

    public Conditions(TemplateEngine templates) {
        this.templates = templates;
    }

    /**
     * @param context the template context the condition is rendered with
     * @param subject the root of KQL field paths (the context itself, or {@code {item, index}} for data.filter)
     */
    public boolean evaluate(String condition, Map<String, Object> context, Object subject, LiquidLimits limits,
                            Instant now, String stepName) throws StepFailure {
        Object value = condition;
        if (TemplateEngine.containsTemplate(condition)) {
            try {
                value = TemplateEngine.isTypedExpression(condition)
                        ? templates.evaluate(condition.substring(condition.indexOf("{{") + 2, condition.lastIndexOf("}}")), context, limits)
                        : templates.render(condition, context, limits);
            } catch (TemplateException e) {
                throw new StepFailure("Error", "Invalid condition \"" + condition + "\" for step " + stepName + ": "
                        + e.getMessage(), null);
            }
        }
        return switch (value) {
            case Boolean b -> b;
            case null -> false;
            case Undefined u -> false;
            case String text -> kql(text, subject, now, stepName);
            default -> throw new StepFailure("Error", "Invalid condition type for step " + stepName + ": the condition \""
                    + condition + "\" gave a " + dev.vigil.model.Values.typeName(value)
                    + "; expected a boolean or a KQL string", null);
        };
    }

    private boolean kql(String text, Object subject, Instant now, String stepName) throws StepFailure {
        String trimmed = text.trim();
        if (trimmed.equals("true")) {
            return true;
        }
        if (trimmed.equals("false") || trimmed.isEmpty()) {
            return false;
        }
        KqlQuery query = parsed.get(text);
        if (query == null) {
            try {
                query = Kql.parse(text);
            } catch (KqlSyntaxException e) {
                throw new StepFailure("Error", "Syntax error in condition \"" + text + "\" for step " + stepName + ": "
                        + e.getMessage(), null);
            }
            if (parsed.size() < CACHE_LIMIT) {
                parsed.put(text, query);
            }
        }
        return query.matches(subject, now);
    }
}
