package dev.vigil.engine;

import java.util.Map;

/**
 * A pinned step result ({@code --mock pins.yaml}): the step is not executed; it completes with {@code output}
 * or fails with {@code error} ({@code {type?, message, details?}}).
 */
public record Pin(Object output, Map<String, Object> error) {

    public static Pin output(Object output) {
        return new Pin(output, null);
    }

    public static Pin failure(Map<String, Object> error) {
        return new Pin(null, error);
    }
}
