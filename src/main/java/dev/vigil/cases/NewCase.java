package dev.vigil.cases;

import java.util.List;

/** What a new case starts with; severity defaults to low and owner to {@code cases}, as in Kibana. */
public record NewCase(String title, String description, String owner, CaseSeverity severity, List<String> tags,
                      List<String> assignees) {

    public NewCase {
        Case.require(title, "title");
        owner = owner == null || owner.isBlank() ? "cases" : owner;
        severity = severity == null ? CaseSeverity.LOW : severity;
        tags = tags == null ? List.of() : List.copyOf(tags);
        assignees = assignees == null ? List.of() : List.copyOf(assignees);
    }
}
