package dev.vigil.parse;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Checks of the raw tree that SnakeYAML does not make: duplicate keys, non-scalar keys (often an unquoted
 * {@code {{ x }}}), nesting depth, recursive aliases and alias expansion (billion laughs).
 */
final class StructureCheck {

    static final int MAX_DEPTH = 200;
    static final long MAX_EXPANDED_NODES = 1_000_000;

    private final Problems problems;
    private final SourceText source;
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Node, Long> sizes = new IdentityHashMap<>();
    private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());

    private StructureCheck(Problems problems, SourceText source) {
        this.problems = problems;
        this.source = source;
    }

    /** True when the tree is safe to walk (no recursion, not too deep, not too large once aliases expand). */
    static boolean check(Node root, SourceText source, Problems problems) {
        StructureCheck check = new StructureCheck(problems, source);
        long size;
        try {
            size = check.size(root, 0);
        } catch (Unsafe e) {
            problems.add("alias-limit".equals(e.code) || "too-large".equals(e.code) ? e.code : "too-large", e.path,
                    Nodes.pos(e.node), e.getMessage());
            return false;
        }
        if (size > MAX_EXPANDED_NODES) {
            problems.add("alias-limit", "", Nodes.pos(root), "the document expands to " + size
                    + " values through aliases, more than " + MAX_EXPANDED_NODES + " (an alias bomb?)");
            return false;
        }
        check.keys(root, "");
        return true;
    }

    private long size(Node node, int depth) {
        Long known = sizes.get(node);
        if (known != null) {
            return known;
        }
        if (depth > MAX_DEPTH) {
            throw new Unsafe("too-large", node, "", "values are nested more than " + MAX_DEPTH + " levels deep");
        }
        if (!onPath.add(node)) {
            throw new Unsafe("alias-limit", node, "", "an alias refers to a list or mapping that contains it"
                    + " (a recursive structure); workflows must be trees");
        }
        long total = 1;
        switch (node) {
            case SequenceNode seq -> {
                for (Node item : seq.getValue()) {
                    total = Math.min(Long.MAX_VALUE / 2, total + size(item, depth + 1));
                }
            }
            case MappingNode map -> {
                for (NodeTuple t : map.getValue()) {
                    total = Math.min(Long.MAX_VALUE / 2, total + size(t.getKeyNode(), depth + 1)
                            + size(t.getValueNode(), depth + 1));
                }
            }
            default -> {
            }
        }
        onPath.remove(node);
        sizes.put(node, total);
        return total;
    }

    private void keys(Node node, String path) {
        if (!seen.add(node)) {
            return;
        }
        switch (node) {
            case SequenceNode seq -> {
                for (int i = 0; i < seq.getValue().size(); i++) {
                    keys(seq.getValue().get(i), Nodes.index(path, i));
                }
            }
            case MappingNode map -> mapping(map, path);
            default -> {
            }
        }
    }

    private void mapping(MappingNode map, String path) {
        Map<String, Node> first = new HashMap<>();
        for (NodeTuple t : map.getValue()) {
            Node keyNode = t.getKeyNode();
            if (!(keyNode instanceof ScalarNode key)) {
                nonScalarKey(map, keyNode, path);
                continue;
            }
            String keyPath = Nodes.child(path, key.getValue());
            Node previous = first.putIfAbsent(key.getValue(), keyNode);
            if (previous != null) {
                problems.add("duplicate-key", keyPath, keyNode, "duplicate key '" + key.getValue()
                        + "' (first at " + Nodes.pos(previous) + "); each key may appear once in a mapping");
            }
            keys(t.getValueNode(), keyPath);
        }
    }

    private void nonScalarKey(MappingNode map, Node keyNode, String path) {
        if (map.getFlowStyle() == FlowStyle.FLOW && keyNode instanceof MappingNode) {
            String line = source.line(Nodes.pos(map).line());
            int from = Math.max(0, line.offsetByCodePoints(0, Math.min(Nodes.pos(map).column() - 1,
                    line.codePointCount(0, line.length()))));
            int close = line.indexOf("}}", from);
            String text = close > 0 ? line.substring(from, close + 2) : "{{ … }}";
            problems.add("unquoted-template", path, map, "the value " + text + " must be quoted: write \""
                    + text + "\" (unquoted, YAML reads {{ … }} as a nested mapping)");
        } else {
            problems.add("wrong-type", path, keyNode, "a mapping key must be a plain value; got "
                    + Nodes.describe(keyNode));
        }
    }

    private static final class Unsafe extends RuntimeException {
        final String code;
        final Node node;
        final String path;

        Unsafe(String code, Node node, String path, String message) {
            super(message, null, false, false);
            this.code = code;
            this.node = node;
            this.path = path;
        }
    }
}
