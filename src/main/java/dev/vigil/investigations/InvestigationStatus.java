package dev.vigil.investigations;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where an investigation stands. A closed one takes no new alerts; it can be reopened by a status change. */
public enum InvestigationStatus {
    OPEN, INVESTIGATING, CLOSED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InvestigationStatus parse(String text) {
        return Arrays.stream(values()).filter(s -> s.id().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown investigation status '" + text
                        + "'; expected one of " + Arrays.stream(values()).map(InvestigationStatus::id)
                        .collect(Collectors.joining(", "))));
    }
}
