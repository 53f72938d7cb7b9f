package dev.vigil.parse;

import dev.vigil.model.Position;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The parsed text split into lines, to map a line/column inside a scalar's value back to the document.
 * Columns count code points, like SnakeYAML's marks.
 */
final class SourceText {

    private final List<String> lines = new ArrayList<>();

    SourceText(String text) {
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
    }

    List<String> lines() {
        return lines;
    }

    /** The 1-based line's text, or "" outside the document. */
    String line(int line) {
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }

    /**
     * Where {@code (line, column)} (1-based, relative to the scalar's value) stands in the document. Mapped
     * exactly for single-line plain and quoted scalars whose source text equals the value, and for literal block
     * scalars ({@code |}) line by line; anything else (folded, multi-line flow, escapes) maps to the scalar start.
     */
    Position map(ScalarNode node, int line, int column) {
        Position start = Nodes.pos(node);
        if (line <= 0 || !start.known()) {
            return start;
        }
        int col = Math.max(1, column);
        String value = node.getValue();
        ScalarStyle style = node.getScalarStyle();
        int endLine = node.getEndMark().map(Mark::getLine).orElse(-1) + 1;
        if (style == ScalarStyle.LITERAL) {
            String[] valueLines = value.split("\n", -1);
            if (line > valueLines.length) {
                return start;
            }
            String valueLine = valueLines[line - 1];
            String source = line(start.line() + line);
            if (source.endsWith(valueLine) && source.substring(0, source.length() - valueLine.length()).isBlank()) {
                int indent = source.codePointCount(0, source.length() - valueLine.length());
                return new Position(start.line() + line, indent + col);
            }
            return start;
        }
        boolean singleLine = endLine == start.line() && line == 1 && value.indexOf('\n') < 0;
        int quote = switch (style) {
            case PLAIN -> 0;
            case DOUBLE_QUOTED, SINGLE_QUOTED -> 1;
            default -> -1;
        };
        if (!singleLine || quote < 0) {
            return start;
        }
        String source = line(start.line());
        int from = offsetOfColumn(source, start.column() + quote);
        if (from < 0 || !source.startsWith(value, from)) {
            return start;
        }
        return new Position(start.line(), start.column() + quote + col - 1);
    }

    /** Char offset of a 1-based code-point column in the line, or -1. */
    private static int offsetOfColumn(String source, int column) {
        try {
            return source.offsetByCodePoints(0, column - 1);
        } catch (IndexOutOfBoundsException e) {
            return -1;
        }
    }
}
