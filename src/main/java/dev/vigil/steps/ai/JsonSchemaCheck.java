package dev.vigil.steps.ai;

import com.networknt.schema.Error;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.vigil.model.Json;
import dev.vigil.steps.StepFailure;
import java.util.List;

/**
 * A JSON schema written in a workflow, compiled, and the places where a value breaks it. Schemas without
 * {@code $schema} are read as draft 2020-12 (what OpenAI's structured outputs take). Remote {@code $ref}s are never
 * fetched: a workflow must not make Vigil call arbitrary URLs while checking a model's answer.
 */
final class JsonSchemaCheck {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));

    /** The draft 2020-12 meta-schema, bundled with the library (read from its jar, not fetched). */
    private static final Schema META = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    private final Schema schema;
    private final String stepType;

    private JsonSchemaCheck(Schema schema, String stepType) {
        this.schema = schema;
        this.stepType = stepType;
    }

    /** Compiles a schema after {@link #requireValid}; {@code InvalidSchema} when it cannot be used. */
    static JsonSchemaCheck of(String stepType, Object schema) throws StepFailure {
        requireValid(stepType, schema);
        try {
            return new JsonSchemaCheck(REGISTRY.getSchema(Json.MAPPER.valueToTree(schema)), stepType);
        } catch (RuntimeException e) {
            throw invalidSchema(stepType, e);
        }
    }

    /**
     * Fails with {@code InvalidSchema} when {@code schema} breaks the JSON Schema meta-schema: the validator itself
     * ignores what it does not understand, so a misspelt {@code type} would otherwise let every answer pass.
     */
    static void requireValid(String stepType, Object schema) throws StepFailure {
        List<String> problems;
        try {
            problems = META.validate(Json.MAPPER.<JsonNode>valueToTree(schema)).stream()
                    .map(JsonSchemaCheck::describe).toList();
        } catch (RuntimeException e) {
            throw invalidSchema(stepType, e);
        }
        if (!problems.isEmpty()) {
            throw new StepFailure("InvalidSchema", stepType + ": with.schema is not a valid JSON schema: "
                    + String.join("; ", problems.size() > 5 ? problems.subList(0, 5) : problems), null);
        }
    }

    /** Each problem as {@code "$.path: what is wrong"}; empty when the value fits. */
    List<String> problems(Object value) throws StepFailure {
        try {
            return schema.validate(Json.MAPPER.valueToTree(value)).stream().map(JsonSchemaCheck::describe).toList();
        } catch (RuntimeException e) {
            // a $ref that cannot be resolved shows only now, when validation follows it
            throw invalidSchema(stepType, e);
        }
    }

    private static String describe(Error error) {
        String where = error.getInstanceLocation().toString();
        String message = error.getMessage();
        return message.startsWith(where) ? message : where + ": " + message;
    }

    private static StepFailure invalidSchema(String stepType, RuntimeException e) {
        return new StepFailure("InvalidSchema", stepType + ": with.schema is not a usable JSON schema: "
                + e.getMessage(), null);
    }
}
