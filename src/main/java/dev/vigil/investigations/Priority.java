package dev.vigil.investigations;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An investigation's priority; an alert's {@code kibana.alert.severity} sets it when the investigation opens. */
public enum Priority {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Priority parse(String text) {
        return Arrays.stream(values()).filter(p -> p.id().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown priority '" + text + "'; expected one of "
                        + Arrays.stream(values()).map(Priority::id).collect(Collectors.joining(", "))));
    }

    /** The priority of an alert severity, or medium when the alert has none Vigil knows. */
    static Priority ofSeverity(String severity) {
        return severity == null ? MEDIUM : Arrays.stream(values())
                .filter(p -> p.id().equals(severity.toLowerCase(Locale.ROOT))).findFirst().orElse(MEDIUM);
    }
}
