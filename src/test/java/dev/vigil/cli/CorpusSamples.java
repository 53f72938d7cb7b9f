package dev.vigil.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What corpus runs share: plausible inputs for a workflow, and which errors are Vigil's rather than the data's. */
public final class CorpusSamples {

    private CorpusSamples() {
    }

    /** Errors that come from Vigil rather than from the workflow's (stand-in) data. */
    public static boolean isEngineError(Map<String, Object> error) {
        String type = String.valueOf(error.get("type"));
        String message = String.valueOf(error.get("message"));
        return type.equals("TemplateError") || type.equals("ConnectorNotConfigured")
                || message.startsWith("Syntax error in condition") || message.startsWith("Invalid condition type")
                || message.contains("java.") || message.contains("Exception");
    }

    /** A plausible value for every declared input that has no default. */
    public static Map<String, Object> inputs(Map<String, Object> schema) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
            return inputs;
        }
        properties.forEach((key, raw) -> {
            String name = String.valueOf(key);
            Map<?, ?> property = raw instanceof Map<?, ?> m ? m : Map.of();
            if (property.containsKey("default")) {
                return;
            }
            inputs.put(name, sample(name.toLowerCase(Locale.ROOT), property));
        });
        return inputs;
    }

    private static Object sample(String name, Map<?, ?> property) {
        if (property.get("enum") instanceof List<?> options && !options.isEmpty()) {
            return options.getFirst();
        }
        return switch (String.valueOf(property.get("type"))) {
            case "number", "integer" -> 1L;
            case "boolean" -> true;
            case "array" -> List.of("sample");
            case "object" -> new LinkedHashMap<>();
            default -> name.contains("ip") ? "185.220.101.47"
                    : name.contains("hash") || name.contains("sha") ? "de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c"
                    : name.contains("url") ? "https://cdn-update.example-bad.net/payload.bin"
                    : name.contains("domain") ? "example-bad.net"
                    : name.contains("email") ? "jdoe@example.com"
                    : name.contains("date") || name.contains("time") ? "2026-11-23T09:41:07Z"
                    : "sample-" + name;
        };
    }
}
