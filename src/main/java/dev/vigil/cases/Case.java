package dev.vigil.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One case: what an analyst tracks about an incident. Immutable; every change makes a new value with
 * {@code version + 1}, which is what optimistic writers compare against.
 *
 * @param owner the Kibana solution that owns it (securitySolution, observability, cases)
 */
public record Case(String id, String title, String description, CaseStatus status, CaseSeverity severity,
                   String owner, List<String> tags, List<String> assignees, List<Alert> alerts,
                   List<Observable> observables, List<Comment> comments, int version,
                   Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    /** An alert attached to the case: its id and the index it lives in, and the rule that raised it if known. */
    public record Alert(String alertId, String index, Rule rule) {
        public Alert {
            require(alertId, "alertId");
            require(index, "index");
        }
    }

    public record Rule(String id, String name) {
    }

    /** An observable such as an IP or a file hash; {@code typeKey} names its kind ({@code observable-type-ipv4}). */
    public record Observable(String typeKey, String value, String description) {
        public Observable {
            require(typeKey, "typeKey");
            require(value, "value");
        }
    }

    public record Comment(String id, String comment, String createdBy, Instant createdAt) {
    }

    public Case {
        require(id, "id");
        require(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        description = description == null ? "" : description;
        tags = List.copyOf(tags);
        assignees = List.copyOf(assignees);
        alerts = List.copyOf(alerts);
        observables = List.copyOf(observables);
        comments = List.copyOf(comments);
    }

    static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required and must not be blank");
        }
    }

    /** {@code base} followed by those of {@code more} it does not hold yet, in order. */
    static <T> List<T> union(List<T> base, List<T> more) {
        return new ArrayList<>(new LinkedHashSet<T>(concat(base, more)));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
