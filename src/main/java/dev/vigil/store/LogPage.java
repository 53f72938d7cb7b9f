package dev.vigil.store;

import dev.vigil.engine.LogEntry;
import java.util.List;

/**
 * One page of an execution's log lines.
 *
 * @param results the lines of this page, in write order (or its reverse); empty past the last page
 * @param total   how many lines match, on all pages
 */
public record LogPage(List<LogEntry> results, long total, int page, int size) {

    public LogPage {
        results = List.copyOf(results);
    }
}
