package dev.vigil.steps.ai;

import dev.vigil.connectors.Connector;
import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ai.classify}: puts {@code with.input} into one of {@code with.categories} (or several, with
 * {@code allowMultipleCategories}); output {@code {category}} or {@code {categories}}, {@code rationale} when asked
 * for, and {@code metadata}.
 *
 * <p>The answer is always one of the categories, so a {@code switch} on it never falls through by surprise: the
 * model is given them as an enum, an answer that differs only in case or spacing is mapped to the category as
 * written, and anything else becomes {@code fallbackCategory} (named in {@code metadata.unexpected}) or fails the
 * step with {@code UnexpectedCategory} when there is none.
 */
final class AiClassifyStep implements StepAction {

    static final String TYPE = "ai.classify";

    private static final String SYSTEM = """
            You classify data into predefined categories.
            Rules:
            - Answer with JSON only, exactly in the format asked for: no prose, no Markdown, no code fences.
            - Use only category names from the list of available categories, written exactly as listed.""";

    private final AiClient client;

    private AiClassifyStep(AiClient client) {
        this.client = client;
    }

    static StepDefinition definition(AiClient client) {
        return StepDefinition.of(TYPE, "Classifies with.input into with.categories; output {category} or"
                + " {categories}, rationale?, metadata", new AiClassifyStep(client), "input", "categories");
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        AiArgs args = new AiArgs(TYPE, call.with());
        Object input = args.data("input");
        List<String> categories = args.strings("categories");
        if (categories.isEmpty()) {
            throw new StepFailure(TYPE + ": with.categories needs at least one category");
        }
        String fallback = args.text("fallbackCategory");
        boolean multiple = args.bool("allowMultipleCategories");
        boolean rationale = args.bool("includeRationale");
        String instructions = args.text("instructions");
        Double temperature = args.temperature();
        Set<String> allowed = new LinkedHashSet<>(categories);
        if (fallback != null) {
            allowed.add(fallback);
        }

        List<Map<String, Object>> messages = new ArrayList<>();
        messages.add(AiClient.message("system", SYSTEM));
        messages.add(AiClient.message("user", "Data to classify:\n```" + (input instanceof String ? "text" : "json")
                + "\n" + AiArgs.shown(input) + "\n```"));
        messages.add(AiClient.message("user", request(categories, fallback, multiple, rationale)));
        if (instructions != null) {
            messages.add(AiClient.message("user", "Additional classification instructions:\n" + instructions));
        }
        StructuredOutput output = StructuredOutput.of(TYPE, "classification", schema(allowed, multiple, rationale),
                schema(null, multiple, rationale));
        Connector connector = client.connector(call);
        Reply reply = client.json(call, connector, messages, temperature, output);
        return result(call, (Map<?, ?>) reply.value(), allowed, fallback, multiple, rationale, reply);
    }

    private static String request(List<String> categories, String fallback, boolean multiple, boolean rationale) {
        StringBuilder text = new StringBuilder("Available categories:\n");
        categories.forEach(c -> text.append("- ").append(c).append('\n'));
        text.append("\nClassification rules:\n");
        if (fallback != null) {
            text.append("- If the data matches none of the categories clearly, use the fallback category: ")
                    .append(fallback).append('\n');
        }
        text.append(multiple
                ? "- Select every category the data matches and return them in the \"categories\" array.\n"
                : "- Select exactly one category and return it in the \"category\" field.\n");
        if (rationale) {
            text.append("- Explain briefly why in the \"rationale\" field.\n");
        }
        return text.toString().strip();
    }

    /** The answer's schema; {@code allowed} null leaves the names free (the check maps unlisted ones itself). */
    private static Map<String, Object> schema(Set<String> allowed, boolean multiple, boolean rationale) {
        Map<String, Object> name = new LinkedHashMap<>();
        name.put("type", "string");
        if (allowed != null) {
            name.put("enum", List.copyOf(allowed));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(multiple ? "categories" : "category", multiple ? Map.of("type", "array", "items", name) : name);
        List<String> required = new ArrayList<>(List.of(multiple ? "categories" : "category"));
        if (rationale) {
            properties.put("rationale", Map.of("type", "string"));
            required.add("rationale");
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Object result(StepInvocation call, Map<?, ?> answer, Set<String> allowed, String fallback,
                                 boolean multiple, boolean rationale, Reply reply) throws StepFailure {
        List<String> said = multiple ? ((List<?>) answer.get("categories")).stream().map(String::valueOf).toList()
                : List.of(String.valueOf(answer.get("category")));
        Set<String> chosen = new LinkedHashSet<>();
        List<String> unexpected = new ArrayList<>();
        for (String name : said) {
            String category = match(name, allowed);
            if (category != null) {
                chosen.add(category);
            } else {
                unexpected.add(name);
            }
        }
        Map<String, Object> metadata = reply.metadata();
        if (!unexpected.isEmpty() || chosen.isEmpty()) {
            if (chosen.isEmpty() && fallback == null) {
                metadata.put("answer", said);
                throw new StepFailure("UnexpectedCategory", TYPE + ": the model answered " + said + ", which is"
                        + " none of the categories " + List.copyOf(allowed) + ", and with.fallbackCategory is not set",
                        Map.of("metadata", metadata));
            }
            if (chosen.isEmpty()) {
                chosen.add(fallback);
            }
            metadata.put("unexpected", unexpected);
            call.log("warn", TYPE + ": the model answered " + unexpected + ", not among the categories; using "
                    + List.copyOf(chosen));
        }
        Map<String, Object> output = new LinkedHashMap<>();
        if (multiple) {
            output.put("categories", List.copyOf(chosen));
        } else {
            output.put("category", chosen.iterator().next());
        }
        if (rationale && answer.get("rationale") != null) {
            output.put("rationale", String.valueOf(answer.get("rationale")));
        }
        output.put("metadata", metadata);
        return output;
    }

    /** The category as written for a name the model gave, ignoring case and surrounding spaces; null if none. */
    private static String match(String name, Set<String> allowed) {
        if (allowed.contains(name)) {
            return name;
        }
        for (String category : allowed) {
            if (category.strip().equalsIgnoreCase(name.strip())) {
                return category;
            }
        }
        return null;
    }
}
