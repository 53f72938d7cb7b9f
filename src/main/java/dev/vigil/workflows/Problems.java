package dev.vigil.workflows;

import dev.vigil.parse.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** Validation problems as a refusal lists them: one per line, {@code LINE:COL: message (path)}. */
final class Problems {

    private Problems() {
    }

    static String summary(List<Problem> problems) {
        if (problems.isEmpty()) {
            return "";
        }
        return problems.stream().map(p -> "\n  " + p.format("").replaceFirst("^:", ""))
                .collect(Collectors.joining("", " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                        + "):", ""));
    }
}
