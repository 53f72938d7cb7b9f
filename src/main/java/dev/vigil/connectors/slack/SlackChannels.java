package dev.vigil.connectors.slack;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which channel a message goes to, and whether the connector lets it go there. Steps name the channel in the
 * spellings of the three APIs Vigil follows: {@code channel} (Slack, the corpus's {@code slack2}), {@code channelId},
 * and Kibana's {@code .slack_api} lists {@code channelIds}, {@code channels} (deprecated there) and
 * {@code channelNames}; without any, {@code config.defaultChannel}.
 *
 * <p>{@code config.allowedChannels} (Kibana's setting of that name: ids, {@code #names}, or {@code {id, name}}
 * objects) limits where a connector may post, so that a workflow author cannot make the SOC's bot write into any
 * channel it was invited to.
 */
final class SlackChannels {

    private SlackChannels() {
    }

    /** The channel the step names, else the connector's default; fails when there is neither. */
    static String target(ConnectorCall call) throws StepFailure {
        for (String name : List.of("channel", "channelId")) {
            String value = call.text(name);
            if (value != null) {
                return value;
            }
        }
        for (String name : List.of("channelIds", "channels", "channelNames")) {
            List<String> values = call.strings(name);
            if (values != null && !values.isEmpty()) {
                if (values.size() > 1) {
                    throw call.failure("with." + name + " names " + values.size()
                            + " channels; a message goes to one (Kibana's limit too)");
                }
                return values.getFirst();
            }
        }
        String fallback = call.connector().option("defaultChannel");
        if (fallback == null || fallback.isBlank()) {
            throw call.failure("with.channel is required (or config.defaultChannel on the connector)");
        }
        return fallback;
    }

    /** Fails when {@code config.allowedChannels} is set and does not list the channel (by id or by name). */
    static void checkAllowed(ConnectorCall call, String channel) throws StepFailure {
        Object setting = call.connector().config().get("allowedChannels");
        if (setting == null) {
            return;
        }
        List<String> allowed = new ArrayList<>();
        for (Object entry : setting instanceof List<?> list ? list : List.of(setting)) {
            if (entry instanceof Map<?, ?> m) {
                if (m.get("id") != null) {
                    allowed.add(String.valueOf(m.get("id")));
                }
                if (m.get("name") != null) {
                    allowed.add(bare(String.valueOf(m.get("name"))));
                }
            } else if (entry != null) {
                allowed.add(bare(String.valueOf(entry)));
            }
        }
        if (!allowed.contains(bare(channel))) {
            throw call.failure("channel " + channel + " is not in the connector's allowedChannels " + allowed);
        }
    }

    private static String bare(String channel) {
        return channel.startsWith("#") ? channel.substring(1) : channel;
    }
}
