package dev.vigil.cases;

/**
 * Which cases to list; null filters match everything. Pages count from 1, like Kibana's find API.
 */
public record CaseQuery(CaseStatus status, String tag, String alertId, int page, int size) {

    public static final int MAX_SIZE = 100;

    public CaseQuery {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_SIZE + ", not " + size);
        }
    }
}
