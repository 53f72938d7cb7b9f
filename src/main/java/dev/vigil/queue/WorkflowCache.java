package dev.vigil.queue;

import dev.vigil.model.Workflow;
import dev.vigil.parse.ParseResult;
import dev.vigil.parse.WorkflowParser;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Parsed workflows by their exact source text: executions of one version share one parse. */
final class WorkflowCache {

    private static final int LIMIT = 1_000;

    private final WorkflowParser parser;
    private final Map<String, ParseResult> parsed = new ConcurrentHashMap<>();

    WorkflowCache(WorkflowParser parser) {
        this.parser = parser;
    }

    ParseResult get(String source) {
        ParseResult result = parsed.get(source);
        if (result == null) {
            result = parser.parse(source);
            if (parsed.size() >= LIMIT) {
                parsed.clear();
            }
            parsed.put(source, result);
        }
        return result;
    }

    static String problems(ParseResult result) {
        return String.join("; ", result.problems().stream().map(p -> p.format("workflow")).toList());
    }

    static Workflow valid(ParseResult result) {
        return result.valid() ? result.workflow() : null;
    }
}
