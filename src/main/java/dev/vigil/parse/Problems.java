package dev.vigil.parse;

import dev.vigil.model.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects problems while a document is read; hands them out ordered by position (then by discovery). */
final class Problems {

    private final List<Problem> list = new ArrayList<>();

    void add(String code, String path, Position position, String message) {
        list.add(new Problem(code, path, position, message));
    }

    void add(String code, String path, Node node, String message) {
        add(code, path, Nodes.pos(node), message);
    }

    int size() {
        return list.size();
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparingInt((Problem p) -> p.position().line())
                .thenComparingInt(p -> p.position().column()));
        return copy;
    }
}
