package dev.vigil.workflows;

import dev.vigil.model.Json;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The names of copies, and putting a new name into a workflow's YAML. */
final class Names {

    /** A top-level {@code name:} on one line; the clone rewrites only that line, so comments and layout stay. */
    private static final Pattern NAME_LINE = Pattern.compile("(?m)^name:[ \\t]*[^\\n]*$");

    private Names() {
    }

    /** "{name} (copy)", else "{name} (copy 2)", "(copy 3)"... the first that {@code taken} refuses. */
    static String copyOf(String name, Predicate<String> taken) {
        String candidate = name + " (copy)";
        for (int n = 2; taken.test(candidate); n++) {
            candidate = name + " (copy " + n + ")";
        }
        return candidate;
    }

    static String rename(String id, String yaml, String newName) {
        Matcher line = NAME_LINE.matcher(yaml);
        if (!line.find()) {
            throw new WorkflowInvalid("cannot rename workflow '" + id + "': its YAML has no top-level 'name:' line",
                    List.of());
        }
        // a JSON string is a YAML double-quoted scalar: quotes, colons and '#' in the name stay literal
        return yaml.substring(0, line.start()) + "name: " + Json.write(newName) + yaml.substring(line.end());
    }
}
