package dev.vigil.steps;

import dev.vigil.steps.console.ConsoleStep;
import dev.vigil.steps.data.DataAggregateStep;
import dev.vigil.steps.data.DataConcatStep;
import dev.vigil.steps.data.DataDedupeStep;
import dev.vigil.steps.data.DataFilterStep;
import dev.vigil.steps.data.DataFindStep;
import dev.vigil.steps.data.DataMapStep;
import dev.vigil.steps.data.DataParseJsonStep;
import dev.vigil.steps.data.DataRegexExtractStep;
import dev.vigil.steps.data.DataRegexReplaceStep;
import dev.vigil.steps.data.DataSetStep;
import dev.vigil.steps.data.DataStringifyJsonStep;
import dev.vigil.steps.http.HttpStep;
import dev.vigil.steps.http.HttpTargets;
import java.net.http.HttpClient;

/** The one list of the action step types Vigil ships; the composition root adds connector and AI types to it. */
public final class BuiltinSteps {

    private BuiltinSteps() {
    }

    /** @param http a client that does not follow redirects ({@link HttpStep#defaultClient()}) */
    public static StepRegistry.Builder standard(HttpClient http) {
        return standard(http, HttpTargets.NONE);
    }

    /** @param targets what the {@code http} step's {@code connector-id} resolves to */
    public static StepRegistry.Builder standard(HttpClient http, HttpTargets targets) {
        return StepRegistry.builder()
                .add(ConsoleStep.definition())
                .add(HttpStep.definition(http, targets))
                .add(DataSetStep.definition())
                .add(DataMapStep.definition())
                .add(DataFilterStep.definition())
                .add(DataFindStep.definition())
                .add(DataAggregateStep.definition())
                .add(DataConcatStep.definition())
                .add(DataDedupeStep.definition())
                .add(DataParseJsonStep.definition())
                .add(DataStringifyJsonStep.definition())
                .add(DataRegexExtractStep.definition())
                .add(DataRegexReplaceStep.definition());
    }
}
