package dev.vigil.steps.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.vigil.model.Json;
import dev.vigil.model.Values;
import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code data.parseJson}: top-level {@code source}. A string is parsed like {@code JSON.parse} (trailing content
 * is an error, as in JavaScript); an already structured value is returned unchanged, so the step is safe to
 * apply to an output that may or may not be parsed yet.
 */
public final class DataParseJsonStep implements StepAction {

    public static final String TYPE = "data.parseJson";
    static final long MAX_BYTES = 10L * 1024 * 1024;

    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).forType(Object.class);

    public static StepDefinition definition() {
        return StepDefinition.of(TYPE, "Parses a JSON string from source; structured values pass through",
                new DataParseJsonStep()).withFields(List.of("source"), List.of("source"));
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        Object source = call.field("source");
        if (!(source instanceof String text)) {
            if (source == null) {
                throw new StepFailure(TYPE + ": Source is null or undefined");
            }
            return source;
        }
        // Cheap bound first: a UTF-8 byte is at least as many as chars / 1, at most 3 bytes per char.
        if (text.length() > MAX_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new StepFailure(TYPE + ": source is larger than 10 MB (" + text.length() + " characters)");
        }
        try {
            return Values.normalize(STRICT.readValue(text));
        } catch (JsonProcessingException e) {
            throw new StepFailure(TYPE + ": Invalid JSON: " + e.getOriginalMessage());
        }
    }
}
