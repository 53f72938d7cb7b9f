package dev.vigil.workflows;

import java.util.List;

/**
 * A search of the workflows that are not deleted.
 *
 * @param text  matched case-insensitively within name or description; null or blank: any
 * @param state null: any
 * @param tags  a workflow matches when it has any of them; empty: any
 * @param page  0-based
 * @param size  1..1000
 */
public record WorkflowQuery(String text, WorkflowState state, List<String> tags, int page, int size, Sort sort) {

    public enum Sort { NAME, STATE }

    public WorkflowQuery {
        tags = tags == null ? List.of() : List.copyOf(tags);
        sort = sort == null ? Sort.NAME : sort;
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, not " + page);
        }
        if (size < 1 || size > 1000) {
            throw new IllegalArgumentException("size must be between 1 and 1000, not " + size);
        }
    }

    /** Every workflow, by name, first page of 20. */
    public static WorkflowQuery all() {
        return new WorkflowQuery(null, null, List.of(), 0, 20, Sort.NAME);
    }

    public WorkflowQuery text(String newText) {
        return new WorkflowQuery(newText, state, tags, page, size, sort);
    }

    public WorkflowQuery state(WorkflowState newState) {
        return new WorkflowQuery(text, newState, tags, page, size, sort);
    }

    public WorkflowQuery tags(String... newTags) {
        return new WorkflowQuery(text, state, List.of(newTags), page, size, sort);
    }

    public WorkflowQuery page(int newPage, int newSize) {
        return new WorkflowQuery(text, state, tags, newPage, newSize, sort);
    }

    public WorkflowQuery sort(Sort newSort) {
        return new WorkflowQuery(text, state, tags, page, size, newSort);
    }
}
