package dev.vigil.cli;

import dev.vigil.engine.Pin;
import dev.vigil.model.Values;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads a pins file: {@code stepName: {output: <any>}} or {@code stepName: {error: {type?, message, details?}}}. */
final class Pins {

    private Pins() {
    }

    static Map<String, Pin> parse(String yaml, String label) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(label).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage());
        }
        if (root == null) {
            return Map.of();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(label + ": a pins file is a mapping of step names to {output: ...} or {error: ...}");
        }
        Map<String, Pin> pins = new LinkedHashMap<>();
        map.forEach((name, raw) -> {
            if (!(raw instanceof Map<?, ?> entry) || !(entry.containsKey("output") ^ entry.containsKey("error"))) {
                throw new IllegalArgumentException(label + ": pin '" + name + "' must have exactly one of output or error");
            }
            if (entry.containsKey("error")) {
                Object error = Values.normalize(entry.get("error"));
                Map<String, Object> e = error instanceof Map<?, ?> m ? Values.normalizeMap(m)
                        : new LinkedHashMap<>(Map.of("message", String.valueOf(error)));
                e.putIfAbsent("type", "Error");
                e.putIfAbsent("message", "pinned failure");
                pins.put(String.valueOf(name), Pin.failure(e));
            } else {
                pins.put(String.valueOf(name), Pin.output(Values.normalize(entry.get("output"))));
            }
        });
        return pins;
    }
}
