package dev.vigil.parse;

import dev.vigil.model.Position;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns text into a SnakeYAML node tree (YAML 1.2 core schema, so {@code yes}/{@code on} stay strings), or
 * into one readable problem: size, tabs used for indentation, syntax, too many aliases.
 */
final class YamlLoader {

    static final int MAX_CHARS = 1_048_576;
    static final int MAX_COLLECTION_ALIASES = 50;

    private YamlLoader() {
    }

    /** The root node, or empty (with a problem added, or none for an empty document: see {@code empty}). */
    static Optional<Node> load(String yaml, SourceText source, Problems problems) {
        if (yaml.length() > MAX_CHARS) {
            problems.add("too-large", "", Position.NONE, "the document has " + yaml.length()
                    + " characters; at most " + MAX_CHARS + " (1 MiB) are accepted");
            return Optional.empty();
        }
        LoadSettings settings = LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setAllowNonScalarKeys(true)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_CHARS + 1)
                .setLabel("workflow")
                .build();
        try {
            return new Compose(settings).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            Position at = e.getProblemMark().or(e::getContextMark).map(YamlLoader::pos).orElse(Position.NONE);
            boolean aboutTabs = String.valueOf(e.getProblem()).contains("TAB");
            if (!tabIndent(source, at, aboutTabs, problems)) {
                problems.add("yaml-syntax", "", at, syntaxMessage(e, source, at));
            }
        } catch (YamlEngineException e) {
            if (String.valueOf(e.getMessage()).contains("aliases")) {
                problems.add("alias-limit", "", Position.NONE, "the document uses more than "
                        + MAX_COLLECTION_ALIASES + " aliases of lists or mappings (an alias bomb?); use fewer aliases");
            } else {
                problems.add("yaml-syntax", "", Position.NONE, "invalid YAML: " + e.getMessage());
            }
        } catch (StackOverflowError e) {
            problems.add("too-large", "", Position.NONE, "the document is nested too deeply to read");
        }
        return Optional.empty();
    }

    private static Position pos(Mark mark) {
        return new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    /**
     * Reports a tab in indentation: on the error line itself, or (when SnakeYAML's message is about tabs) on the
     * first line up to the error whose indentation holds a tab. True when one was reported.
     */
    private static boolean tabIndent(SourceText source, Position errorAt, boolean aboutTabs, Problems problems) {
        List<String> lines = source.lines();
        if (!errorAt.known()) {
            return false;
        }
        int last = Math.min(errorAt.line(), lines.size());
        for (int i = aboutTabs ? 0 : last - 1; i < last; i++) {
            String line = lines.get(i);
            int j = 0;
            while (j < line.length() && (line.charAt(j) == ' ' || line.charAt(j) == '\t')) {
                j++;
            }
            int tab = line.substring(0, j).indexOf('\t');
            if (tab >= 0 && j < line.length()) {
                problems.add("tab-indent", "", new Position(i + 1, tab + 1), "line " + (i + 1)
                        + " is indented with a tab; YAML indentation must use spaces only");
                return true;
            }
        }
        return false;
    }

    private static String syntaxMessage(MarkedYamlEngineException e, SourceText source, Position at) {
        String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
        StringBuilder message = new StringBuilder("invalid YAML: ").append(problem);
        if (e.getContext() != null && !e.getContext().isBlank()) {
            message.append(" (").append(e.getContext().trim());
            e.getContextMark().filter(m -> m.getLine() + 1 != at.line() || m.getColumn() + 1 != at.column())
                    .ifPresent(m -> message.append(" started at ").append(pos(m)));
            message.append(')');
        }
        String line = source.line(at.line());
        if (line.contains(": {{") || line.contains("- {{")) {
            message.append("; a value that starts with '{{' must be quoted, e.g. \"{{ steps.x.output }}\"");
        }
        return message.toString();
    }
}
