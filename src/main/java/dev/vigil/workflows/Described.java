package dev.vigil.workflows;

import dev.vigil.model.Workflow;
import dev.vigil.parse.ParseResult;
import dev.vigil.parse.Problem;
import java.util.List;

/**
 * A YAML source with what the manager keeps from it: name, description and tags (read even from an invalid
 * document, as far as the parser got) and its validation problems.
 */
record Described(String source, String name, String description, List<String> tags, List<Problem> problems) {

    Described {
        tags = List.copyOf(tags);
        problems = List.copyOf(problems);
    }

    static Described of(String source, ParseResult parsed) {
        Workflow workflow = parsed.workflow();
        String name = workflow == null || workflow.name() == null ? null : workflow.name().strip();
        if (name == null || name.isEmpty()) {
            throw new WorkflowInvalid("a workflow needs a name: the YAML has no readable 'name'"
                    + Problems.summary(parsed.problems()), parsed.problems());
        }
        return new Described(source, name, workflow.description(), workflow.tags(), parsed.problems());
    }
}
