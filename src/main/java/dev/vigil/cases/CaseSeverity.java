package dev.vigil.cases;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A case's severity, lowest first. */
public enum CaseSeverity {
    LOW("low"), MEDIUM("medium"), HIGH("high"), CRITICAL("critical");

    private final String id;

    CaseSeverity(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static CaseSeverity parse(String text) {
        return Arrays.stream(values()).filter(s -> s.id.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown case severity '" + text + "'; expected "
                        + Arrays.stream(values()).map(CaseSeverity::id).collect(Collectors.joining(", "))));
    }
}
