package dev.vigil.parse;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Checks a {@code decision} step (docs/format.md): {@code with.message}, {@code with.options} (2..20 of
 * {@code {id, label, description?}}, ids unique), {@code with.approvers?} ({@code user:}/{@code apikey:}/
 * {@code role:} strings), {@code with.default?} (one of the option ids) and {@code with.slack?} (a channel, or
 * {@code {channel, connector-id?}}: where the question is posted with a button per option) and {@code with.email?}
 * (addresses, or {@code {to, connector-id?}}: who is mailed the question with a signed link per option).
 */
final class DecisionParser {

    static final int MIN_OPTIONS = 2;
    static final int MAX_OPTIONS = 20;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern APPROVER = Pattern.compile("(user|apikey|role):\\S.*");

    private final ParseContext ctx;

    DecisionParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    void check(Fields step, MappingNode withNode) {
        if (withNode == null) {
            if (step.node("with") == null) {
                step.missing("with");
            }
            return;
        }
        Fields with = new Fields(withNode, step.path("with"), "'with' of " + step.owner(), ctx.problems);
        with.requiredString("message");
        Set<String> ids = options(with);
        approvers(with);
        slack(with);
        email(with);
        String fallback = with.requiredIfPresent("default");
        if (fallback != null && ids != null && !ids.contains(fallback)) {
            with.problem("unknown-option", "default", "default '" + fallback + "' is not one of the options ("
                    + String.join(", ", ids) + ")");
        }
    }

    /** The option ids, or null when the list itself is unusable. */
    private Set<String> options(Fields with) {
        SequenceNode list = with.list("options", "a list of options, each with id and label");
        if (with.node("options") == null) {
            with.missing("options");
            return null;
        }
        if (list == null) {
            return null;
        }
        int size = list.getValue().size();
        if (size < MIN_OPTIONS || size > MAX_OPTIONS) {
            with.problem("option-count", "options", "'options' must hold between " + MIN_OPTIONS + " and "
                    + MAX_OPTIONS + " options; got " + size);
        }
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            String path = Nodes.index(with.path("options"), i);
            Fields option = Fields.of(list.getValue().get(i), path, "an option", "a mapping with id and label",
                    ctx.problems);
            if (option == null) {
                continue;
            }
            option.requiredString("label");
            option.requiredIfPresent("description");
            String id = option.requiredString("id");
            if (id == null) {
                continue;
            }
            if (!ID.matcher(id).matches()) {
                option.problem("bad-option-id", "id", "option id '" + id
                        + "' must be lower-case letters, digits, '_' or '-', starting with a letter or digit");
            } else if (!ids.add(id)) {
                option.problem("duplicate-option", "id", "option id '" + id + "' is used more than once");
            }
        }
        return ids;
    }

    private void slack(Fields with) {
        Node node = with.node("slack");
        if (node == null || Nodes.string(node) != null) {
            return;     // absent, or just the channel
        }
        MappingNode map = with.mapping("slack", "a channel, or a mapping with channel and connector-id");
        if (map == null) {
            return;
        }
        Fields slack = new Fields(map, with.path("slack"), "'slack' of a decision", ctx.problems);
        slack.requiredString("channel");
        slack.requiredIfPresent("connector-id");
        for (String key : slack.keys()) {
            if (!key.equals("channel") && !key.equals("connector-id")) {
                slack.problem("unknown-field", key, "unknown field '" + key + "' in 'slack'; it takes channel and"
                        + " connector-id");
            }
        }
    }

    private void email(Fields with) {
        Node node = with.node("email");
        if (node == null || Nodes.string(node) != null || node instanceof SequenceNode) {
            recipients(with, "email", node);
            return;
        }
        MappingNode map = with.mapping("email", "addresses, or a mapping with to and connector-id");
        if (map == null) {
            return;
        }
        Fields email = new Fields(map, with.path("email"), "'email' of a decision", ctx.problems);
        if (email.node("to") == null) {
            email.missing("to");
        } else {
            recipients(email, "to", email.node("to"));
        }
        email.requiredIfPresent("connector-id");
        for (String key : email.keys()) {
            if (!key.equals("to") && !key.equals("connector-id")) {
                email.problem("unknown-field", key, "unknown field '" + key + "' in 'email'; it takes to and"
                        + " connector-id");
            }
        }
    }

    /** Addresses: one string (commas allowed) or a list of strings; templates are checked when rendered. */
    private void recipients(Fields owner, String key, Node node) {
        if (node instanceof SequenceNode list) {
            for (int i = 0; i < list.getValue().size(); i++) {
                Node item = list.getValue().get(i);
                if (Nodes.string(item) == null || Nodes.string(item).isBlank()) {
                    ctx.problems.add("wrong-type", Nodes.index(owner.path(key), i), item, "a recipient must be an"
                            + " e-mail address; got " + Nodes.describe(item));
                }
            }
        } else if (node != null && (Nodes.string(node) == null || Nodes.string(node).isBlank())) {
            owner.wrongType(key, "an e-mail address or a list of them");
        }
    }

    private void approvers(Fields with) {
        SequenceNode list = with.list("approvers", "a list of user:<name>, apikey:<name> or role:<role>");
        if (list == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String text = Nodes.string(item);
            String path = Nodes.index(with.path("approvers"), i);
            if (text == null || !APPROVER.matcher(text).matches()) {
                ctx.problems.add("bad-approver", path, item, "approver " + (text == null ? Nodes.describe(item)
                        : "'" + text + "'") + " must be user:<name>, apikey:<name> or role:<role>");
            } else if (!seen.add(text)) {
                ctx.problems.add("duplicate-approver", path, item, "approver '" + text + "' is listed twice");
            }
        }
    }
}
