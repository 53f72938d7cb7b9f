package dev.vigil.workflows;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Workflow ids as Kibana accepts them, so that workflows move between the two with their ids. */
final class WorkflowIds {

    private static final Pattern ID = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");

    private WorkflowIds() {
    }

    /** The caller's id, checked; or, when null, a new {@code workflow-<uuid>}. */
    static String checkOrGenerate(String id) {
        if (id == null) {
            return "workflow-" + UUID.randomUUID();
        }
        if (id.length() < 3 || id.length() > 255 || !ID.matcher(id).matches()) {
            throw new WorkflowInvalid("invalid workflow id '" + id + "': an id has 3 to 255 characters, lowercase "
                    + "letters, digits and '-', and starts and ends with a letter or digit", List.of());
        }
        return id;
    }
}
