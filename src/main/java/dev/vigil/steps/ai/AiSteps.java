package dev.vigil.steps.ai;

import dev.vigil.connectors.ConnectorLookup;
import dev.vigil.steps.StepDefinition;
import java.net.http.HttpClient;
import java.util.List;
import java.util.function.Supplier;

/**
 * The AI steps (WORKFLOW_FORMAT.md §3.11) on OpenAI-compatible connectors: {@code ai.prompt}, {@code ai.classify},
 * {@code ai.summarize} and {@code ai.agent}. The composition root adds them to the step registry; they reach an
 * outside service, so {@code --offline} replaces them.
 */
public final class AiSteps {

    private AiSteps() {
    }

    /**
     * @param connectors finds the connector a step names (a supplier: the registry is built before the store opens)
     * @param http       the client connector calls go through
     */
    public static List<StepDefinition> definitions(Supplier<ConnectorLookup> connectors, HttpClient http) {
        AiClient client = new AiClient(connectors, http);
        return List.of(
                AiPromptStep.definition(client).asExternal(),
                AiClassifyStep.definition(client).asExternal(),
                AiSummarizeStep.definition(client).asExternal(),
                AiAgentStep.definition(client, new Conversations()).asExternal());
    }
}
