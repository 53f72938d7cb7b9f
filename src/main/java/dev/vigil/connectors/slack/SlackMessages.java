package dev.vigil.connectors.slack;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.model.Json;
import dev.vigil.steps.StepFailure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Messages Vigil posts with {@code chat.postMessage}, and the interactive decision message.
 *
 * <p><b>Decision messages</b> ({@link #postDecision}) carry one button per option in an {@code actions} block whose
 * {@code block_id} is {@value #DECISION_BLOCK_ID}. Each button's {@code action_id} is {@code vigil_decision:<option
 * id>} and its {@code value} is {@code {"ref": <decision reference>, "option": <option id>}} as JSON, so the
 * interaction callback (Slack's {@code block_actions} payload, {@code actions[0]}) needs no state to know which
 * decision was answered and how: {@link #answer} reads it back. The callback must still verify Slack's request
 * signature and who clicked; the message only says what was clicked.
 */
public final class SlackMessages {

    /** The {@code block_id} of a decision's buttons. */
    public static final String DECISION_BLOCK_ID = "vigil_decision";
    static final String ACTION_PREFIX = "vigil_decision:";

    // Block Kit's limits (api.slack.com/reference/block-kit): past them Slack refuses the message with invalid_blocks
    static final int MAX_BUTTONS = 25;
    static final int MAX_BUTTON_TEXT = 75;
    static final int MAX_ACTION_ID = 255;
    static final int MAX_VALUE = 2000;
    static final int MAX_SECTION_TEXT = 3000;

    private SlackMessages() {
    }

    /** One choice of a decision: {@code id} is what the answer names, {@code label} what the button shows. */
    public record Option(String id, String label) {
        public Option {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("a decision option needs an id");
            }
            label = label == null || label.isBlank() ? id : label;
        }
    }

    /** What a clicked decision button says: the decision it belongs to and the option chosen. */
    public record Answer(String decisionRef, String optionId) {
    }

    /**
     * Posts a decision to a channel: {@code text} above one button per option.
     *
     * @param call        a call on a Slack connector with a bot token (its {@code allowedChannels} apply)
     * @param decisionRef what identifies the waiting decision to the callback (execution id and step path, say)
     * @return Slack's answer: {@code channel} and {@code ts} identify the message, to update it once answered
     */
    public static Map<String, Object> postDecision(ConnectorCall call, String channel, String text,
                                                   List<Option> options, String decisionRef) throws StepFailure {
        List<Object> blocks;
        try {
            blocks = decisionBlocks(text, options, decisionRef);
        } catch (IllegalArgumentException e) {
            throw call.failure(e.getMessage());
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", text);      // the notification and screen-reader text; blocks are what the channel shows
        message.put("blocks", blocks);
        return post(call, channel, message);
    }

    /**
     * The Block Kit blocks of a decision message: a section with the text, then the buttons.
     *
     * @throws IllegalArgumentException when the options do not fit Slack's limits (more than 25, duplicate ids,
     *                                  a reference too long for a button's value)
     */
    public static List<Object> decisionBlocks(String text, List<Option> options, String decisionRef) {
        if (decisionRef == null || decisionRef.isBlank()) {
            throw new IllegalArgumentException("a decision message needs a decision reference");
        }
        if (options == null || options.isEmpty() || options.size() > MAX_BUTTONS) {
            throw new IllegalArgumentException("a decision message takes 1 to " + MAX_BUTTONS + " options, got "
                    + (options == null ? 0 : options.size()));
        }
        Set<String> ids = new HashSet<>();
        List<Object> buttons = new ArrayList<>();
        for (Option option : options) {
            if (!ids.add(option.id())) {
                throw new IllegalArgumentException("decision option '" + option.id() + "' is given twice");
            }
            String actionId = ACTION_PREFIX + option.id();
            Map<String, Object> carried = new LinkedHashMap<>();
            carried.put("ref", decisionRef);
            carried.put("option", option.id());
            String value = Json.write(carried);
            if (actionId.length() > MAX_ACTION_ID || value.length() > MAX_VALUE) {
                throw new IllegalArgumentException("decision option '" + option.id() + "' or the decision reference"
                        + " is too long for a Slack button (action_id " + MAX_ACTION_ID + ", value " + MAX_VALUE
                        + " characters)");
            }
            Map<String, Object> button = new LinkedHashMap<>();
            button.put("type", "button");
            button.put("text", Map.of("type", "plain_text", "text", cut(option.label(), MAX_BUTTON_TEXT),
                    "emoji", true));
            button.put("action_id", actionId);
            button.put("value", value);
            buttons.add(button);
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("type", "section");
        section.put("text", Map.of("type", "mrkdwn", "text", cut(text == null || text.isBlank() ? "Decision needed"
                : text, MAX_SECTION_TEXT)));
        Map<String, Object> actions = new LinkedHashMap<>();
        actions.put("type", "actions");
        actions.put("block_id", DECISION_BLOCK_ID);
        actions.put("elements", buttons);
        return List.of(section, actions);
    }

    /**
     * Replaces a posted decision message (its buttons included) with the question and its outcome, once decided:
     * {@code chat.update} of the message {@code ts} in {@code channel} (the id Slack answered the post with).
     */
    public static Map<String, Object> settleDecision(ConnectorCall call, String channel, String ts, String text,
                                                     String outcome) throws StepFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("ts", ts);
        body.put("text", cut((text == null || text.isBlank() ? "Decision" : text) + "\n" + outcome, MAX_SECTION_TEXT));
        body.put("blocks", List.of(
                Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", cut(text == null || text.isBlank()
                        ? "Decision" : text, MAX_SECTION_TEXT))),
                Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn",
                        "text", cut(outcome, MAX_SECTION_TEXT))))));
        return new SlackApi(call).post("chat.update", body);
    }

    /**
     * The decision answer one action of a {@code block_actions} payload carries, or empty when the action is not
     * a Vigil decision button (or was altered: the value must name the option its action id names).
     */
    public static Optional<Answer> answer(Map<String, Object> action) {
        if (action == null || !(action.get("action_id") instanceof String actionId)
                || !actionId.startsWith(ACTION_PREFIX) || !(action.get("value") instanceof String value)) {
            return Optional.empty();
        }
        Object parsed;
        try {
            parsed = Json.parse(value);
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
        if (parsed instanceof Map<?, ?> m && m.get("ref") instanceof String ref && m.get("option") instanceof String option
                && actionId.equals(ACTION_PREFIX + option)) {
            return Optional.of(new Answer(ref, option));
        }
        return Optional.empty();
    }

    /** {@code chat.postMessage} to a channel the connector allows. */
    static Map<String, Object> post(ConnectorCall call, String channel, Map<String, Object> message)
            throws StepFailure {
        SlackChannels.checkAllowed(call, channel);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.putAll(message);
        return new SlackApi(call).post("chat.postMessage", body);
    }

    /**
     * Block Kit blocks as a step gives them: a list, or JSON text of a list, of one block, or of {@code {blocks}}
     * (Kibana's {@code postBlockkit} text, and the corpus's {@code '[{{ inputs.blocks_json }}]'}).
     */
    static List<Object> blocks(ConnectorCall call, String name) throws StepFailure {
        Object value = call.param(name);
        if (value instanceof String text) {
            if (text.isBlank()) {
                return null;
            }
            try {
                value = Json.parse(text);
            } catch (IllegalArgumentException e) {
                throw call.failure("with." + name + " is not valid Block Kit JSON: " + e.getMessage());
            }
        }
        return switch (value) {
            case null -> null;
            case List<?> list -> new ArrayList<>(list);
            case Map<?, ?> m when m.get("blocks") instanceof List<?> list -> new ArrayList<>(list);
            case Map<?, ?> m when m.get("type") instanceof String -> List.of(m);
            default -> throw call.failure("with." + name + " must be a list of Block Kit blocks or {\"blocks\": [...]}");
        };
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
