package dev.vigil.cases;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A case's status, as Kibana names it ({@code in-progress} with a dash). */
public enum CaseStatus {
    OPEN("open"), IN_PROGRESS("in-progress"), CLOSED("closed");

    private final String id;

    CaseStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static CaseStatus parse(String text) {
        return Arrays.stream(values()).filter(s -> s.id.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown case status '" + text + "'; expected "
                        + Arrays.stream(values()).map(CaseStatus::id).collect(Collectors.joining(", "))));
    }
}
