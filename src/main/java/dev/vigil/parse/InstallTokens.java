package dev.vigil.parse;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Refuses library-template bodies whose {@code __install__.<name>} placeholders were not replaced (§1.4).
 * The {@code template-metadata} block itself is skipped: it is stripped at install.
 */
final class InstallTokens {

    static final String METADATA = "template-metadata";
    private static final Pattern TOKEN = Pattern.compile("__install__\\.[A-Za-z0-9_-]*");

    private final Problems problems;
    private final SourceText source;
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private InstallTokens(Problems problems, SourceText source) {
        this.problems = problems;
        this.source = source;
    }

    static void check(MappingNode root, SourceText source, Problems problems) {
        InstallTokens check = new InstallTokens(problems, source);
        for (NodeTuple t : root.getValue()) {
            String key = Nodes.keyText(t.getKeyNode());
            if (!METADATA.equals(key)) {
                check.walk(t.getKeyNode(), key == null ? "" : key);
                check.walk(t.getValueNode(), key == null ? "" : Nodes.child("", key));
            }
        }
    }

    private void walk(Node node, String path) {
        if (!seen.add(node)) {
            return;
        }
        switch (node) {
            case ScalarNode s -> scalar(s, path);
            case SequenceNode seq -> {
                for (int i = 0; i < seq.getValue().size(); i++) {
                    walk(seq.getValue().get(i), Nodes.index(path, i));
                }
            }
            case MappingNode map -> {
                for (NodeTuple t : map.getValue()) {
                    String key = Nodes.keyText(t.getKeyNode());
                    String child = Nodes.child(path, key == null ? "?" : key);
                    walk(t.getKeyNode(), child);
                    walk(t.getValueNode(), child);
                }
            }
            default -> {
            }
        }
    }

    private void scalar(ScalarNode s, String path) {
        Matcher m = TOKEN.matcher(s.getValue());
        while (m.find()) {
            String before = s.getValue().substring(0, m.start());
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.codePointCount(before.lastIndexOf('\n') + 1, before.length()) + 1;
            problems.add("install-token", path, source.map(s, line, column), "install placeholder '" + m.group()
                    + "' was not replaced; fill in the library template's install form, or replace it by hand");
        }
    }
}
