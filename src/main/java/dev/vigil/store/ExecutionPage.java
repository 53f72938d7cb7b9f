package dev.vigil.store;

import dev.vigil.engine.ExecutionRecord;
import java.util.List;

/**
 * One page of the execution history.
 *
 * @param results the executions of this page, in the query's order; empty past the last page
 * @param total   how many executions match the filters, on all pages
 */
public record ExecutionPage(List<ExecutionRecord> results, long total, int page, int size) {

    public ExecutionPage {
        results = List.copyOf(results);
    }
}
