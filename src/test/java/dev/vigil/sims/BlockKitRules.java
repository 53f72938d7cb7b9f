package dev.vigil.sims;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Block Kit rules Slack enforces on a message's blocks (api.slack.com/reference/block-kit), for {@link SlackSim}:
 * what Slack refuses with {@code invalid_blocks}, each problem as Slack words it.
 */
final class BlockKitRules {

    private static final Set<String> BLOCK_TYPES = Set.of("section", "actions", "context", "divider", "header",
            "image", "input", "rich_text", "file", "video");

    private BlockKitRules() {
    }

    static List<String> check(Object blocks) {
        List<String> problems = new ArrayList<>();
        if (!(blocks instanceof List<?> list)) {
            problems.add("must be an array [json-pointer:/blocks]");
            return problems;
        }
        if (list.size() > 50) {
            problems.add("must contain at most 50 items [json-pointer:/blocks]");
        }
        Set<String> blockIds = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = " [json-pointer:/blocks/" + i;
            if (!(list.get(i) instanceof Map<?, ?> block) || !(block.get("type") instanceof String type)
                    || !BLOCK_TYPES.contains(type)) {
                problems.add("unsupported type" + at + "/type]");
                continue;
            }
            if (block.get("block_id") instanceof String id && (id.length() > 255 || !blockIds.add(id))) {
                problems.add("invalid or duplicate block_id" + at + "/block_id]");
            }
            switch (type) {
                case "section" -> section(block, at, problems);
                case "actions" -> actions(block, at, problems);
                default -> { }
            }
        }
        return problems;
    }

    private static void section(Map<?, ?> block, String at, List<String> problems) {
        if (!(block.get("text") instanceof Map<?, ?> text) && block.get("fields") == null) {
            problems.add("must provide either text or fields" + at + "]");
            return;
        }
        if (block.get("text") instanceof Map<?, ?> text) {
            textObject(text, 3000, at + "/text", problems);
        }
    }

    private static void actions(Map<?, ?> block, String at, List<String> problems) {
        if (!(block.get("elements") instanceof List<?> elements) || elements.isEmpty()) {
            problems.add("must provide at least one element" + at + "/elements]");
            return;
        }
        if (elements.size() > 25) {
            problems.add("must contain at most 25 items" + at + "/elements]");
        }
        Set<String> actionIds = new HashSet<>();
        for (int j = 0; j < elements.size(); j++) {
            String el = at + "/elements/" + j;
            if (!(elements.get(j) instanceof Map<?, ?> element) || !(element.get("type") instanceof String type)) {
                problems.add("invalid element" + el + "]");
                continue;
            }
            if (element.get("action_id") instanceof String id && (id.length() > 255 || !actionIds.add(id))) {
                problems.add("invalid or duplicate action_id" + el + "/action_id]");
            }
            if ("button".equals(type)) {
                if (!(element.get("text") instanceof Map<?, ?> text) || !"plain_text".equals(text.get("type"))) {
                    problems.add("button text must be plain_text" + el + "/text]");
                } else {
                    textObject(text, 75, el + "/text", problems);
                }
                if (element.get("value") instanceof String value && value.length() > 2000) {
                    problems.add("must be less than 2001 characters" + el + "/value]");
                }
                if (element.get("style") != null && !Set.of("primary", "danger").contains(element.get("style"))) {
                    problems.add("invalid style" + el + "/style]");
                }
            }
        }
    }

    private static void textObject(Map<?, ?> text, int max, String at, List<String> problems) {
        if (!Set.of("plain_text", "mrkdwn").contains(text.get("type"))) {
            problems.add("invalid text type" + at + "/type]");
        }
        if (!(text.get("text") instanceof String s) || s.isEmpty()) {
            problems.add("must be more than 0 characters" + at + "/text]");
        } else if (s.length() > max) {
            problems.add("must be less than " + (max + 1) + " characters" + at + "/text]");
        }
    }
}
