package dev.vigil.parse;

import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepRegistry;
import java.util.List;

/** A registry with the internal step types of WORKFLOW_FORMAT.md §3.3–§3.5, as the step handlers will register them. */
final class TestRegistry {

    private static final StepAction NOTHING = call -> null;

    private TestRegistry() {
    }

    static StepRegistry create() {
        return StepRegistry.builder()
                .add(StepDefinition.of("console", "Logs a message", NOTHING, "message"))
                .add(StepDefinition.of("http", "Sends an HTTP request", NOTHING))
                .add(StepDefinition.of("data.set", "Sets variables", NOTHING))
                .add(StepDefinition.of("data.map", "Maps items", NOTHING, "fields").withFields(List.of("items"),
                        List.of("items")))
                .add(StepDefinition.of("data.filter", "Filters items", NOTHING).withFields(List.of("items"),
                        List.of("items")))
                .add(StepDefinition.of("data.find", "Finds an item", NOTHING).withFields(List.of("items"),
                        List.of("items")))
                .add(StepDefinition.of("data.aggregate", "Aggregates items", NOTHING).withFields(List.of("items"),
                        List.of("items")))
                .add(StepDefinition.of("data.concat", "Concatenates arrays", NOTHING).withFields(List.of("arrays"),
                        List.of("arrays")))
                .add(StepDefinition.of("data.dedupe", "De-duplicates items", NOTHING).withFields(
                        List.of("items", "strategy"), List.of("items")))
                .add(StepDefinition.of("data.parseJson", "Parses JSON", NOTHING).withFields(List.of("source"),
                        List.of("source")))
                .add(StepDefinition.of("data.stringifyJson", "Writes JSON", NOTHING).withFields(List.of("source"),
                        List.of("source")))
                .add(StepDefinition.of("data.regexExtract", "Extracts with a regex", NOTHING, "pattern")
                        .withFields(List.of("source"), List.of("source")))
                .add(StepDefinition.of("data.regexReplace", "Replaces with a regex", NOTHING, "pattern")
                        .withFields(List.of("source"), List.of("source")))
                .build();
    }

    static WorkflowParser parser() {
        return new WorkflowParser(create(), TestCheckers::templates, TestCheckers::conditions);
    }
}
