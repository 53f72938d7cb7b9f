package dev.vigil.steps.ai;

import dev.vigil.model.Json;
import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON a step asks the model for: the schema sent as OpenAI's {@code json_schema} response format, and the
 * check the answer must pass. They differ only for {@code ai.classify}, which sends its categories as an enum to
 * guide the model but maps an unlisted answer to the fallback category itself instead of failing the check.
 *
 * @param name   the response format's name (letters, digits, _ and -)
 * @param sent   the schema the model is given
 * @param check  what the parsed answer is validated against
 * @param unwrap the property holding the caller's value when the schema was wrapped, else null
 */
record StructuredOutput(String name, Map<String, Object> sent, JsonSchemaCheck check, String unwrap) {

    private static final String WRAPPER = "response";

    /**
     * A workflow's own schema, wrapped as {@code {response: <schema>}}: OpenAI wants an object at the root while
     * workflows also ask for arrays (and write schemas without a {@code type}), as Kibana does for the same reason.
     */
    static StructuredOutput wrapping(String stepType, String name, Object schema) throws StepFailure {
        Object readable = readable(stepType, schema);
        JsonSchemaCheck.requireValid(stepType, readable);   // so that problems name places in the workflow's schema
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("type", "object");
        wrapped.put("properties", Map.of(WRAPPER, readable));
        wrapped.put("required", List.of(WRAPPER));
        wrapped.put("additionalProperties", false);
        return new StructuredOutput(name, wrapped, JsonSchemaCheck.of(stepType, wrapped), WRAPPER);
    }

    /** A schema Vigil builds itself, an object at the root. */
    static StructuredOutput of(String stepType, String name, Map<String, Object> sent, Map<String, Object> checked)
            throws StepFailure {
        return new StructuredOutput(name, sent, JsonSchemaCheck.of(stepType, checked), null);
    }

    /** OpenAI's {@code response_format} for structured outputs. */
    Map<String, Object> responseFormat() {
        Map<String, Object> jsonSchema = new LinkedHashMap<>();
        jsonSchema.put("name", name);
        jsonSchema.put("schema", sent);
        jsonSchema.put("strict", true);
        return Map.of("type", "json_schema", "json_schema", jsonSchema);
    }

    /** The system message that carries the schema for servers that only know {@code {type: json_object}}. */
    String instructions() {
        return "Answer with one JSON object and nothing else (no prose, no code fences). It must match this JSON"
                + " schema:\n" + Json.write(sent);
    }

    /** The caller's value out of a checked answer. */
    Object unwrapped(Object answer) {
        return unwrap != null && answer instanceof Map<?, ?> m ? m.get(unwrap) : answer;
    }

    /** A problem's location as the workflow's schema sees it ({@code $.response.id} → {@code $.id}). */
    String located(String problem) {
        String prefix = "$." + unwrap;
        if (unwrap == null || !problem.startsWith(prefix)) {
            return problem;
        }
        String rest = problem.substring(prefix.length());
        return rest.startsWith(".") || rest.startsWith("[") || rest.startsWith(":") ? "$" + rest : problem;
    }

    /** A schema given as an object, or as JSON text (Kibana's ai.agent takes a string). */
    static Object readable(String stepType, Object schema) throws StepFailure {
        if (schema instanceof String text) {
            try {
                return Json.parse(text);
            } catch (IllegalArgumentException e) {
                throw new StepFailure("InvalidSchema", stepType + ": with.schema is text but not JSON: "
                        + e.getMessage(), null);
            }
        }
        if (schema instanceof Map<?, ?> || schema instanceof Boolean) {
            return schema;
        }
        throw new StepFailure("InvalidSchema", stepType + ": with.schema must be a JSON schema object", null);
    }
}
