package dev.vigil.engine;

import dev.vigil.steps.StepFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code decision} step's values (docs/format.md): its recorded input (the rendered {@code with}, which the
 * API also reads to check an answer) and its output {@code {choice, respondedBy, respondedAt, channel}}.
 */
public final class Decision {

    /** The channel recorded when an answer does not name one. */
    public static final String API_CHANNEL = "api";

    private Decision() {
    }

    /**
     * The step input: {@code message}, {@code options}, {@code approvers} (possibly empty), {@code default}, and
     * {@code slack} ({@code {channel, connector-id}}) when the question is to be posted to Slack, {@code email}
     * ({@code {to: [addresses], connector-id}}) when it is to be mailed with a signed link per option.
     */
    static Map<String, Object> input(Map<String, Object> with) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("message", with.get("message"));
        input.put("options", with.get("options") instanceof List<?> options ? options : List.of());
        input.put("approvers", with.get("approvers") instanceof List<?> approvers ? approvers : List.of());
        input.put("default", with.get("default"));
        Object slack = with.get("slack");
        if (slack instanceof String channel && !channel.isBlank()) {
            slack = Map.of("channel", channel);
        }
        if (slack instanceof Map<?, ?> target) {
            Map<String, Object> posted = new LinkedHashMap<>();
            posted.put("channel", target.get("channel") == null ? null : String.valueOf(target.get("channel")));
            posted.put("connector-id", target.get("connector-id") == null ? null
                    : String.valueOf(target.get("connector-id")));
            input.put("slack", posted);
        }
        Object email = with.get("email");
        if (email instanceof String || email instanceof List<?>) {
            email = Map.of("to", email);
        }
        if (email instanceof Map<?, ?> target) {
            Object to = target.get("to");
            List<String> recipients = new ArrayList<>();
            if (to instanceof List<?> list) {
                list.stream().filter(java.util.Objects::nonNull).map(String::valueOf).forEach(recipients::add);
            } else if (to != null) {
                for (String one : String.valueOf(to).split(",")) {
                    if (!one.isBlank()) {
                        recipients.add(one.strip());
                    }
                }
            }
            Map<String, Object> mailed = new LinkedHashMap<>();
            mailed.put("to", recipients);
            mailed.put("connector-id", target.get("connector-id") == null ? null
                    : String.valueOf(target.get("connector-id")));
            input.put("email", mailed);
        }
        return input;
    }

    /** Whom a recorded decision input asks to be mailed: {@code {to: [addresses], connector-id}}, or null. */
    public static Map<?, ?> email(Object input) {
        return input instanceof Map<?, ?> map && map.get("email") instanceof Map<?, ?> email ? email : null;
    }

    /** Where a recorded decision input asks to be posted in Slack: {@code {channel, connector-id}}, or null. */
    public static Map<?, ?> slack(Object input) {
        return input instanceof Map<?, ?> map && map.get("slack") instanceof Map<?, ?> slack ? slack : null;
    }

    /** The options of a recorded decision input as {@code (id, label)} pairs, in order. */
    public static List<Map.Entry<String, String>> options(Object input) {
        List<Map.Entry<String, String>> options = new ArrayList<>();
        if (input instanceof Map<?, ?> map && map.get("options") instanceof List<?> list) {
            for (Object option : list) {
                if (option instanceof Map<?, ?> o && o.get("id") != null) {
                    String id = String.valueOf(o.get("id"));
                    options.add(Map.entry(id, o.get("label") == null ? id : String.valueOf(o.get("label"))));
                }
            }
        }
        return options;
    }

    /** The option ids of a recorded decision input, in order. */
    public static List<String> optionIds(Object input) {
        List<String> ids = new ArrayList<>();
        if (input instanceof Map<?, ?> map && map.get("options") instanceof List<?> options) {
            for (Object option : options) {
                if (option instanceof Map<?, ?> o && o.get("id") != null) {
                    ids.add(String.valueOf(o.get("id")));
                }
            }
        }
        return ids;
    }

    /** The approvers of a recorded decision input ({@code user:x}, {@code apikey:x}, {@code role:r}); empty: any. */
    public static List<String> approvers(Object input) {
        if (input instanceof Map<?, ?> map && map.get("approvers") instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    static Map<String, Object> answered(Map<String, Object> input, Map<String, Object> payload, String respondedBy,
                                        Instant now, String stepName) {
        Object choice = payload.get("choice");
        if (choice == null || !optionIds(input).contains(String.valueOf(choice))) {
            throw new Signal.Failed(new StepFailure("ValidationError", "step " + stepName + ": the answer's choice "
                    + choice + " is not one of " + optionIds(input), null), stepName, null);
        }
        Object at = payload.get("respondedAt");
        Object channel = payload.get("channel");
        return output(String.valueOf(choice), respondedBy == null ? "unknown" : respondedBy,
                at == null ? now.toString() : String.valueOf(at), channel == null ? API_CHANNEL : String.valueOf(channel));
    }

    static Map<String, Object> timedOut(Object choice, Instant deadline) {
        return output(String.valueOf(choice), "timeout", deadline.toString(), "timeout");
    }

    private static Map<String, Object> output(String choice, String by, String at, String channel) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("choice", choice);
        output.put("respondedBy", by);
        output.put("respondedAt", at);
        output.put("channel", channel);
        return output;
    }
}
