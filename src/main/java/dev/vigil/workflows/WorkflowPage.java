package dev.vigil.workflows;

import java.util.List;

/** One page of a list, with the number of matches over all pages. */
public record WorkflowPage<T>(List<T> items, long total, int page, int size) {

    public WorkflowPage {
        items = List.copyOf(items);
    }
}
