package dev.vigil.parse;

import dev.vigil.model.ByteSizes;
import dev.vigil.model.Durations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Typed reads of one YAML mapping. Every getter reports what is wrong (missing, wrong type, bad value) and
 * returns null, so callers just build with what they got.
 */
final class Fields {

    static final String DURATION = "a duration such as 30s, 5m or 1h30m";

    private final MappingNode map;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private String owner;

    Fields(MappingNode map, String path, String owner, Problems problems) {
        this.map = map;
        this.path = path;
        this.owner = owner;
        this.problems = problems;
        for (NodeTuple t : map.getValue()) {
            String key = Nodes.keyText(t.getKeyNode());
            if (key != null) {
                entries.putIfAbsent(key, t);
            }
        }
    }

    /** The mapping behind {@code node}, or null after a wrong-type problem ({@code null} node: null, silently). */
    static Fields of(Node node, String path, String owner, String expected, Problems problems) {
        if (node instanceof MappingNode m) {
            return new Fields(m, path, owner, problems);
        }
        if (node != null && !Nodes.isNull(node)) {
            problems.add("wrong-type", path, node, owner + " must be " + expected + "; got " + Nodes.describe(node));
        }
        return null;
    }

    void owner(String owner) {
        this.owner = owner;
    }

    String owner() {
        return owner;
    }

    MappingNode map() {
        return map;
    }

    String path() {
        return path;
    }

    String path(String key) {
        return Nodes.child(path, key);
    }

    Set<String> keys() {
        return entries.keySet();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value node, or null when absent or written as null. */
    Node node(String key) {
        NodeTuple t = entries.get(key);
        return t == null || Nodes.isNull(t.getValueNode()) ? null : t.getValueNode();
    }

    Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getKeyNode();
    }

    void missing(String key) {
        problems.add("required", path(key), map, owner + " is missing required field '" + key + "'");
    }

    void wrongType(String key, String expected) {
        Node node = node(key);
        if (!Nodes.isUnquotedTemplate(node)) {
            problems.add("wrong-type", path(key), node, "'" + key + "' must be " + expected + "; got "
                    + Nodes.describe(node));
        }
    }

    void problem(String code, String key, String message) {
        Node node = node(key);
        problems.add(code, path(key), node == null ? map : node, message);
    }

    /** A string value; non-string scalars, lists and mappings are reported. */
    String string(String key) {
        Node node = node(key);
        if (node == null) {
            return null;
        }
        String text = Nodes.string(node);
        if (text == null) {
            wrongType(key, "a string");
        }
        return text;
    }

    /** A required non-empty string. */
    String requiredString(String key) {
        if (node(key) == null) {
            missing(key);
            return null;
        }
        String text = string(key);
        if (text != null && text.isBlank()) {
            problem("required", key, "'" + key + "' of " + owner + " must not be empty");
            return null;
        }
        return text;
    }

    /** A string that, when present, must not be empty. */
    String requiredIfPresent(String key) {
        return node(key) == null ? null : requiredString(key);
    }

    ScalarNode scalarNode(String key) {
        return node(key) instanceof ScalarNode s ? s : null;
    }

    Boolean bool(String key) {
        Node node = node(key);
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode s && Nodes.scalar(s) instanceof Boolean b) {
            return b;
        }
        wrongType(key, "true or false");
        return null;
    }

    /** A whole number in {@code [min, max]}. */
    Long integer(String key, long min, long max) {
        Node node = node(key);
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode s) || !(Nodes.scalar(s) instanceof Long value)) {
            wrongType(key, "a whole number");
            return null;
        }
        if (value < min || value > max) {
            problem("out-of-range", key, "'" + key + "' must be " + range(min, max) + "; got " + value);
            return null;
        }
        return value;
    }

    static String range(long min, long max) {
        if (max >= Integer.MAX_VALUE) {
            return "at least " + min;
        }
        return "between " + min + " and " + max;
    }

    Double number(String key, double min) {
        Node node = node(key);
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode s) || !(Nodes.scalar(s) instanceof Number n)) {
            wrongType(key, "a number");
            return null;
        }
        if (n.doubleValue() < min) {
            problem("out-of-range", key, "'" + key + "' must be at least " + Nodes.plain(min) + "; got " + n);
            return null;
        }
        return n.doubleValue();
    }

    MappingNode mapping(String key, String expected) {
        Node node = node(key);
        if (node == null || node instanceof MappingNode) {
            return (MappingNode) node;
        }
        wrongType(key, expected);
        return null;
    }

    SequenceNode list(String key, String expected) {
        Node node = node(key);
        if (node == null || node instanceof SequenceNode) {
            return (SequenceNode) node;
        }
        wrongType(key, expected);
        return null;
    }

    /** Duration text, validated; templated text ({@code {{}) is accepted unchecked when {@code templated}. */
    String duration(String key, boolean templated) {
        Node node = node(key);
        if (node == null) {
            return null;
        }
        String text = Nodes.string(node);
        if (text == null) {
            wrongType(key, DURATION);
            return null;
        }
        if (templated && Texts.isTemplate(text)) {
            return text;
        }
        try {
            Durations.parse(text);
            return text;
        } catch (IllegalArgumentException e) {
            problem("bad-duration", key, "'" + key + "': " + e.getMessage());
            return null;
        }
    }

    /** A byte size ({@code 10mb}); a whole number is read as bytes. */
    Long byteSize(String key) {
        Node node = node(key);
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode s && Nodes.scalar(s) instanceof Long bytes && bytes >= 0) {
            return bytes;
        }
        String text = Nodes.string(node);
        if (text == null) {
            wrongType(key, "a byte size such as 512kb or 10mb");
            return null;
        }
        try {
            return ByteSizes.parse(text);
        } catch (IllegalArgumentException e) {
            problem("bad-byte-size", key, "'" + key + "': " + e.getMessage());
            return null;
        }
    }

    /** One of {@code allowed}; {@code fallback} when absent. */
    String oneOf(String key, List<String> allowed, String fallback) {
        Node node = node(key);
        if (node == null) {
            return fallback;
        }
        String text = node instanceof ScalarNode s ? s.getValue() : null;
        if (text == null || !allowed.contains(text)) {
            String suggestion = text == null ? "" : Suggest.didYouMean(text, allowed);
            problem("bad-enum", key, "invalid " + key + " " + (text == null ? Nodes.describe(node) : "'" + text + "'")
                    + "; expected one of "
                    + String.join(", ", allowed) + suggestion);
            return fallback;
        }
        return text;
    }
}
