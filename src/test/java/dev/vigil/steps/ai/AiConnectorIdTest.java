package dev.vigil.steps.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Step;
import dev.vigil.sims.OpenAiSim;
import dev.vigil.steps.FakeInvocation;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import dev.vigil.steps.http.HttpStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The AI steps take the {@code connector-id} as the engine rendered it ({@link StepInvocation#connectorId()}). */
class AiConnectorIdTest {

    final AiFixture ai = new AiFixture();

    @AfterEach
    void close() {
        ai.close();
    }

    @Test
    void everyAiStepUsesTheConnectorIdTheEngineRendered() throws StepFailure {
        ai.connectors.add("local-llm", "openai", Map.of("baseUrl", ai.sim.url() + "/v1", "model", "llama3.1"),
                Map.of("apiKey", OpenAiSim.API_KEY));
        Map<String, Map<String, Object>> withs = Map.of(
                "ai.prompt", Map.of("prompt", "hello"),
                "ai.classify", Map.of("input", "an alert", "categories", List.of("benign", "malicious")),
                "ai.summarize", Map.of("input", "an alert"),
                "ai.agent", Map.of("message", "hello"));
        List<StepDefinition> steps = AiSteps.definitions(() -> ai.connectors, HttpStep.defaultClient());

        for (StepDefinition step : steps) {
            int before = ai.sim.chats().size();
            // the raw header is a template only the engine can render; the engine's answer is local-llm
            StepInvocation call = new RenderedConnectorId(FakeInvocation.with(withs.get(step.type()))
                    .connectorId("{{ inputs.llm }}"), "local-llm");

            step.action().run(call);

            assertThat(ai.sim.chats()).as(step.type()).hasSize(before + 1);
            assertThat(ai.chat(before)).as(step.type()).containsEntry("model", "llama3.1");
        }
    }

    @Test
    void aConnectorIdRenderedEmptyMeansTheDefaultConnector() {
        AiFixture.Run run = ai.run("""
                name: empty-connector
                triggers: [{type: manual, inputs: [{name: llm, type: string}]}]
                steps:
                  - {name: ask, type: ai.prompt, connector-id: "{{ inputs.llm }}", with: {prompt: hi}}
                  - {name: chat, type: ai.agent, connector-id: "{{ inputs.llm }}", with: {message: hi}}
                """, Map.of("llm", " "));

        assertThat(run.output("ask").get("metadata")).asString().contains("connector=openai");
        assertThat(run.output("chat").get("metadata")).asString().contains("connector=openai");
        assertThat(ai.chat(0)).containsEntry("model", "gpt-4o-mini");
    }

    /** The engine's invocation as the steps see it: the header raw, {@code connectorId()} already rendered. */
    private record RenderedConnectorId(FakeInvocation call, String rendered) implements StepInvocation {

        @Override
        public String connectorId() {
            return rendered;
        }

        @Override
        public Step.Action step() {
            return call.step();
        }

        @Override
        public Map<String, Object> with() {
            return call.with();
        }

        @Override
        public Object field(String name) {
            return call.field(name);
        }

        @Override
        public Object render(Object raw, Map<String, Object> extraVariables) {
            return call.render(raw, extraVariables);
        }

        @Override
        public boolean matches(String condition, Object subject) throws StepFailure {
            return call.matches(condition, subject);
        }

        @Override
        public void log(String level, String message) {
            call.log(level, message);
        }

        @Override
        public Instant now() {
            return call.now();
        }

        @Override
        public void sleep(Duration duration) {
            call.sleep(duration);
        }

        @Override
        public String idempotencyKey() {
            return call.idempotencyKey();
        }

        @Override
        public Duration remaining() {
            return call.remaining();
        }
    }
}
