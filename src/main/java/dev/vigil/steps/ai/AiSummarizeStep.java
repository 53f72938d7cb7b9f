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
 * {@code ai.summarize}: a summary of {@code with.input}; output {@code {content, metadata}}. {@code maxLength} (in
 * characters) is asked of the model and also enforced: a longer answer is cut at the last word boundary that fits,
 * ending in "…", and {@code metadata.truncated} says so with the model's own length.
 */
final class AiSummarizeStep implements StepAction {

    static final String TYPE = "ai.summarize";
    static final String ELLIPSIS = "…";

    private static final String SYSTEM = """
            You write concise, factual summaries.
            Rules:
            - Output only the summary itself: no preamble such as "Here is the summary", no questions, no commentary.
            - Do not use Markdown unless the instructions ask for it.
            - If the data cannot be summarized, output only: Unable to generate summary""";

    private final AiClient client;

    private AiSummarizeStep(AiClient client) {
        this.client = client;
    }

    static StepDefinition definition(AiClient client) {
        return StepDefinition.of(TYPE, "Summarizes with.input; output {content, metadata}", new AiSummarizeStep(client),
                "input");
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        AiArgs args = new AiArgs(TYPE, call.with());
        Object input = args.data("input");
        String instructions = args.text("instructions");
        Long maxLength = args.positive("maxLength");
        Double temperature = args.temperature();

        List<Map<String, Object>> messages = new ArrayList<>();
        messages.add(AiClient.message("system", SYSTEM));
        messages.add(AiClient.message("user", "Data to summarize:\n```" + (input instanceof String ? "text" : "json")
                + "\n" + AiArgs.shown(input) + "\n```"));
        if (maxLength != null) {
            messages.add(AiClient.message("user", "Requirements:\n- The summary must be at most " + maxLength
                    + " characters long."));
        }
        if (instructions != null) {
            messages.add(AiClient.message("user", "Additional instructions:\n" + instructions));
        }
        Connector connector = client.connector(call);
        Reply reply = client.text(call, connector, messages, temperature);

        String content = reply.text().strip();
        Map<String, Object> metadata = reply.metadata();
        if (maxLength != null && content.length() > maxLength) {
            call.log("warn", TYPE + ": the model's summary has " + content.length() + " characters, over maxLength "
                    + maxLength + "; cut at a word boundary");
            metadata.put("truncated", true);
            metadata.put("originalLength", (long) content.length());
            content = truncate(content, maxLength.intValue());
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("content", content);
        output.put("metadata", metadata);
        return output;
    }

    /** At most {@code max} characters, "…" included, cut after the last whole word that fits. */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        if (max <= ELLIPSIS.length()) {
            return ELLIPSIS.substring(0, max);
        }
        int room = max - ELLIPSIS.length();
        int cut = room;
        // cut at a space when the next character does not continue the word; else back to the last space
        if (!Character.isWhitespace(text.charAt(room))) {
            int space = lastWhitespace(text, room);
            cut = space > 0 ? space : room;
        }
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut).stripTrailing() + ELLIPSIS;
    }

    private static int lastWhitespace(String text, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
