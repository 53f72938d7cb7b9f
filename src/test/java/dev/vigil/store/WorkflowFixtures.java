package dev.vigil.store;

import java.util.List;
import java.util.stream.Collectors;

/** Workflow YAML for the workflow manager's tests. */
final class WorkflowFixtures {

    private WorkflowFixtures() {
    }

    /** A valid workflow whose one step says {@code message}. */
    static String yaml(String name, String description, String message, String... tags) {
        return """
                name: %s
                description: %s
                tags: [%s]
                triggers:
                  - type: manual
                steps:
                  - name: hello
                    type: console
                    with:
                      message: %s
                """.formatted(name, description, List.of(tags).stream().collect(Collectors.joining(", ")), message);
    }

    static String yaml(String name) {
        return yaml(name, "says hello", "hello", "triage");
    }

    /** Saved as a draft, never activated: line 7, column 11 names a step type that does not exist. */
    static String invalid(String name) {
        return """
                name: %s
                triggers:
                  - type: manual
                steps:
                  - name: hello
                    type: htp
                """.formatted(name);
    }
}
