package dev.vigil.steps.ai;

import dev.vigil.connectors.Connector;
import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ai.prompt}: sends {@code with.prompt} (after {@code systemPrompt}, if any) and returns
 * {@code {content, metadata}}; with {@code with.schema}, {@code content} is the model's JSON, checked against it.
 */
final class AiPromptStep implements StepAction {

    static final String TYPE = "ai.prompt";

    private final AiClient client;

    private AiPromptStep(AiClient client) {
        this.client = client;
    }

    static StepDefinition definition(AiClient client) {
        return StepDefinition.of(TYPE, "Asks a model; output {content, metadata}, content following with.schema if"
                + " given", new AiPromptStep(client), "prompt");
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        AiArgs args = new AiArgs(TYPE, call.with());
        String prompt = AiArgs.shown(args.data("prompt"));
        String system = args.text("systemPrompt");
        Double temperature = args.temperature();
        StructuredOutput structured = args.value("schema") == null ? null
                : StructuredOutput.wrapping(TYPE, "ai_prompt_response", args.value("schema"));

        List<Map<String, Object>> messages = new ArrayList<>();
        if (system != null) {
            messages.add(AiClient.message("system", system));
        }
        messages.add(AiClient.message("user", prompt));
        Connector connector = client.connector(call);
        Reply reply = structured == null ? client.text(call, connector, messages, temperature)
                : client.json(call, connector, messages, temperature, structured);

        Map<String, Object> output = new LinkedHashMap<>();
        output.put("content", structured == null ? reply.text() : reply.value());
        output.put("metadata", reply.metadata());
        return output;
    }
}
