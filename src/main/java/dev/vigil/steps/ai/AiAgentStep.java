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
import java.util.UUID;

/**
 * {@code ai.agent}: a chat turn with a model, output {@code {message, structured_output?, conversation_id?,
 * metadata}}. Vigil's agent has no tools (Kibana's Agent Builder agents search Elasticsearch and run skills): it
 * answers from {@code with.message}, the {@code attachments} (given to it as JSON) and the conversation so far.
 * {@code agent-id} is recorded in the metadata only.
 *
 * <p>A conversation is kept (see {@link Conversations}) when {@code create-conversation} is true or
 * {@code with.conversation_id} names one; its id is then in the output. {@code inference-id} names the connector as
 * {@code connector-id} does; a step may give only one of them.
 */
final class AiAgentStep implements StepAction {

    static final String TYPE = "ai.agent";

    private static final String SYSTEM = "You are an analyst's assistant inside an automated security workflow."
            + " You have no tools: answer from the message, its attachments and the conversation so far, and say so"
            + " when they are not enough.";

    private final AiClient client;
    private final Conversations conversations;

    private AiAgentStep(AiClient client, Conversations conversations) {
        this.client = client;
        this.conversations = conversations;
    }

    static StepDefinition definition(AiClient client, Conversations conversations) {
        return StepDefinition.of(TYPE, "Chats with a model (no tools); output {message, structured_output?,"
                        + " conversation_id?, metadata}", new AiAgentStep(client, conversations), "message")
                .withFields(List.of("agent-id", "inference-id", "create-conversation"), List.of());
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        AiArgs args = new AiArgs(TYPE, call.with());
        String message = AiArgs.shown(args.data("message"));
        String conversationId = args.text("conversation_id");
        boolean create = flag(call.field("create-conversation"));
        StructuredOutput structured = args.value("schema") == null ? null
                : StructuredOutput.wrapping(TYPE, "agent_response", args.value("schema"));
        String connectorId = text(call.connectorId());
        String inferenceId = text(call.field("inference-id"));
        if (connectorId != null && inferenceId != null) {
            throw new StepFailure(TYPE + ": give connector-id or inference-id, not both");
        }

        String question = args.value("attachments") == null ? message
                : message + "\n\nAttachments:\n```json\n" + AiArgs.shown(args.value("attachments")) + "\n```";
        boolean keep = create || conversationId != null;
        List<Map<String, Object>> messages = new ArrayList<>();
        messages.add(AiClient.message("system", SYSTEM));
        if (conversationId != null) {
            List<Map<String, Object>> history = conversations.history(conversationId);
            if (history == null) {
                call.log("warn", TYPE + ": conversation " + conversationId + " is not known (conversations are kept in"
                        + " memory only, and not across restarts); starting it afresh");
            } else {
                messages.addAll(history);
            }
        } else if (keep) {
            conversationId = UUID.randomUUID().toString();
        }
        messages.add(AiClient.message("user", question));

        Connector connector = client.connector(call, connectorId != null ? connectorId : inferenceId);
        Reply reply = structured == null ? client.text(call, connector, messages, null)
                : client.json(call, connector, messages, null, structured);
        if (keep) {
            conversations.add(conversationId, AiClient.message("user", question),
                    AiClient.message("assistant", reply.text()));
        }

        Map<String, Object> metadata = reply.metadata();
        String agent = text(call.field("agent-id"));
        if (agent != null) {
            metadata.put("agent_id", agent);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("message", reply.text());
        if (structured != null) {
            output.put("structured_output", reply.value());
        }
        if (keep) {
            output.put("conversation_id", conversationId);
        }
        output.put("metadata", metadata);
        return output;
    }

    private static boolean flag(Object value) throws StepFailure {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case String s when s.strip().equalsIgnoreCase("true") -> true;
            case String s when s.isBlank() || s.strip().equalsIgnoreCase("false") -> false;
            default -> throw new StepFailure(TYPE + ": create-conversation must be true or false, got " + value);
        };
    }

    private static String text(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
    }
}
