package dev.vigil.cases;

import java.util.List;

/** Fields to set on a case; a null field stays as it is. {@code tags} replaces the tags. */
public record CaseChanges(String title, String description, CaseStatus status, CaseSeverity severity,
                          List<String> tags) {

    public CaseChanges {
        if (title != null) {
            Case.require(title, "title");
        }
        tags = tags == null ? null : List.copyOf(tags);
    }

    public static CaseChanges status(CaseStatus status) {
        return new CaseChanges(null, null, status, null, null);
    }

    public static CaseChanges severity(CaseSeverity severity) {
        return new CaseChanges(null, null, null, severity, null);
    }

    Case applyTo(Case c) {
        return new Case(c.id(), title != null ? title : c.title(), description != null ? description : c.description(),
                status != null ? status : c.status(), severity != null ? severity : c.severity(), c.owner(),
                tags != null ? tags : c.tags(), c.assignees(), c.alerts(), c.observables(), c.comments(), c.version(),
                c.createdAt(), c.createdBy(), c.updatedAt(), c.updatedBy());
    }
}
