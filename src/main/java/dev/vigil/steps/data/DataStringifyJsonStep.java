package dev.vigil.steps.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.vigil.model.Json;
import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.util.List;

/**
 * {@code data.stringifyJson}: top-level {@code source} → JSON text, {@code with.pretty} → the layout of
 * {@code JSON.stringify(v, null, 2)} ({@code "a": 1}, one array element per line, {@code []} and {@code {}} for
 * empty containers), which differs from Jackson's default pretty printer.
 */
public final class DataStringifyJsonStep implements StepAction {

    public static final String TYPE = "data.stringifyJson";

    private static final ObjectWriter PRETTY = Json.MAPPER.writer(prettyPrinter());

    public static StepDefinition definition() {
        return StepDefinition.of(TYPE, "Serialises source to JSON text (with.pretty: 2-space indent)",
                new DataStringifyJsonStep()).withFields(List.of("source"), List.of());
    }

    record Params(Object source, boolean pretty) {
        static Params of(StepInvocation call) throws StepFailure {
            return new Params(call.field("source"), DataArgs.bool(TYPE, "with.pretty", call.with().get("pretty"), false));
        }
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        Params params = Params.of(call);
        try {
            return params.pretty() ? PRETTY.writeValueAsString(params.source()) : Json.write(params.source());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StepFailure(TYPE + ": source cannot be written as JSON: " + e.getMessage());
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }
}
