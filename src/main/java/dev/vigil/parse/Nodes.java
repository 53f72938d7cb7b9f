package dev.vigil.parse;

import dev.vigil.model.Position;
import dev.vigil.model.Values;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Helpers over SnakeYAML nodes: positions, YAML 1.2 core-schema values, descriptions for messages, paths. */
final class Nodes {

    private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_$-]+");

    private Nodes() {
    }

    static Position pos(Node node) {
        if (node == null) {
            return Position.NONE;
        }
        return node.getStartMark().map(m -> new Position(m.getLine() + 1, m.getColumn() + 1)).orElse(Position.NONE);
    }

    /** The scalar as a value of the model: Long, Double, Boolean, null or String (YAML 1.2 core schema). */
    static Object scalar(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        try {
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                return Boolean.valueOf(text.toLowerCase(Locale.ROOT).equals("true"));
            }
            if (Tag.INT.equals(tag)) {
                return Values.normalize(integer(text));
            }
            if (Tag.FLOAT.equals(tag)) {
                return Values.normalize(floating(text));
            }
        } catch (NumberFormatException e) {
            return text;
        }
        return text;
    }

    private static BigInteger integer(String text) {
        String t = text.startsWith("+") ? text.substring(1) : text;
        if (t.startsWith("0o")) {
            return new BigInteger(t.substring(2), 8);
        }
        if (t.startsWith("0x")) {
            return new BigInteger(t.substring(2), 16);
        }
        return new BigInteger(t);
    }

    private static double floating(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return switch (t) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** The whole node as a value of the model; map keys are their scalar text, the first of duplicate keys wins. */
    static Object value(Node node) {
        return switch (node) {
            case ScalarNode s -> scalar(s);
            case SequenceNode seq -> {
                List<Object> list = new ArrayList<>(seq.getValue().size());
                seq.getValue().forEach(item -> list.add(value(item)));
                yield list;
            }
            case MappingNode map -> {
                Map<String, Object> result = new LinkedHashMap<>();
                for (NodeTuple t : map.getValue()) {
                    String key = keyText(t.getKeyNode());
                    if (key != null && !result.containsKey(key)) {
                        result.put(key, value(t.getValueNode()));
                    }
                }
                yield result;
            }
            default -> null;
        };
    }

    /** A mapping key's text, or null when the key is not a scalar. */
    static String keyText(Node key) {
        return key instanceof ScalarNode s ? s.getValue() : null;
    }

    /** An unquoted {@code {{ x }}}: YAML reads it as a flow mapping whose key is a mapping (reported once, elsewhere). */
    static boolean isUnquotedTemplate(Node node) {
        return node instanceof MappingNode m && !m.getValue().isEmpty()
                && m.getValue().getFirst().getKeyNode() instanceof MappingNode;
    }

    /** A number without a useless ".0". */
    static String plain(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** The node's string value when it is a string scalar (quoted, or plain text the core schema reads as a string). */
    static String string(Node node) {
        return node instanceof ScalarNode s && scalar(s) instanceof String text ? text : null;
    }

    /** Says what a node is, for messages: {@code number 5}, {@code string "x"}, {@code a mapping}, {@code null}. */
    static String describe(Node node) {
        return switch (node) {
            case null -> "nothing";
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s -> {
                Object v = scalar(s);
                yield v == null ? "null" : Values.typeName(v) + " " + Values.preview(v, 60);
            }
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    static String child(String path, String key) {
        String part = SIMPLE_KEY.matcher(key).matches() ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
        return path.isEmpty() || part.startsWith("[") ? path + part : path + "." + part;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** Visits every scalar under {@code node} (keys excluded) with its path. */
    static void eachScalar(Node node, String path, BiConsumer<ScalarNode, String> visitor) {
        switch (node) {
            case ScalarNode s -> visitor.accept(s, path);
            case SequenceNode seq -> {
                for (int i = 0; i < seq.getValue().size(); i++) {
                    eachScalar(seq.getValue().get(i), index(path, i), visitor);
                }
            }
            case MappingNode map -> {
                for (NodeTuple t : map.getValue()) {
                    String key = keyText(t.getKeyNode());
                    eachScalar(t.getValueNode(), child(path, key == null ? "?" : key), visitor);
                }
            }
            default -> {
            }
        }
    }
}
