package dev.vigil.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Connectors defined in YAML files ({@code *.yaml}, {@code *.yml}) of a folder, loaded at start: one connector per
 * file, or several under {@code connectors:}. Secrets are not written in the file but referenced, so the files can
 * be kept in version control:
 * <pre>
 * name: soc-slack
 * type: slack
 * config: {defaultChannel: "#soc"}
 * secrets:
 *   token: {env: SLACK_BOT_TOKEN}          # from the environment
 *   webhookUrl: {file: /run/secrets/slack}  # from a file (Docker/Kubernetes secrets), trailing newline removed
 * </pre>
 * A literal string is accepted too (for local trials). A file connector replaces the stored one of its name; one
 * that is wrong stops the start with the file, the place and the reason.
 */
public final class ConnectorFiles {

    private ConnectorFiles() {
    }

    /** @return one line per connector loaded, for the operator */
    public static List<String> load(Path dir, ConnectorService connectors, Map<String, String> environment) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list connector files in " + dir + ": " + e.getMessage(), e);
        }
        List<String> loaded = new ArrayList<>();
        for (Path file : files) {
            for (ConnectorInput input : read(file, environment)) {
                try {
                    Connector c = connectors.upsertFromFile(input, file.toString());
                    loaded.add("connector " + c.name() + " (" + c.type() + ") from " + file);
                } catch (ConnectorProblem problem) {
                    throw new ConnectorProblem(ConnectorProblem.Kind.INVALID, file + ": connector '" + input.name()
                            + "': " + problem.getMessage());
                }
            }
        }
        return loaded;
    }

    static List<ConnectorInput> read(Path file, Map<String, String> environment) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(Files.readString(file));
        } catch (MarkedYamlEngineException e) {
            var mark = e.getProblemMark().orElse(null);
            throw problem(file + (mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1))
                    + ": not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw problem(file + ": not valid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Object> entries = doc instanceof Map<?, ?> m && m.containsKey("connectors")
                ? m.get("connectors") instanceof List<?> l ? List.copyOf(l) : null : List.of(doc);
        if (entries == null) {
            throw problem(file + ": 'connectors' must be a list of connectors");
        }
        List<ConnectorInput> inputs = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = file + (entries.size() > 1 || doc instanceof Map<?, ?> m && m.containsKey("connectors")
                    ? " (connectors[" + i + "])" : "");
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw problem(where + ": a connector must be a mapping with name, type, config and secrets");
            }
            for (Object key : entry.keySet()) {
                if (!List.of("name", "type", "config", "secrets").contains(String.valueOf(key))) {
                    throw problem(where + ": '" + key + "' is not a connector field (name, type, config, secrets)");
                }
            }
            inputs.add(new ConnectorInput(text(entry.get("name")), text(entry.get("type")),
                    map(entry.get("config"), where + ": config"), secrets(entry.get("secrets"), where, environment),
                    null));
        }
        return inputs;
    }

    private static Map<String, String> secrets(Object raw, String where, Map<String, String> environment) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(raw, where + ": secrets").entrySet()) {
            String at = where + ": secrets." + e.getKey();
            out.put(e.getKey(), switch (e.getValue()) {
                case String literal -> literal;
                case Map<?, ?> ref when ref.size() == 1 && ref.get("env") instanceof String name -> {
                    String value = environment.get(name);
                    if (value == null || value.isEmpty()) {
                        throw problem(at + ": the environment variable " + name + " is not set");
                    }
                    yield value;
                }
                case Map<?, ?> ref when ref.size() == 1 && ref.get("file") instanceof String path -> {
                    try {
                        yield Files.readString(Path.of(path)).strip();
                    } catch (IOException io) {
                        throw problem(at + ": cannot read " + path + ": " + io.getMessage());
                    }
                }
                case null, default -> throw problem(at + ": must be a string, {env: VARIABLE} or {file: PATH}");
            });
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object raw, String where) {
        return switch (raw) {
            case null -> Map.of();
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
                yield out;
            }
            default -> throw problem(where + " must be a mapping");
        };
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static ConnectorProblem problem(String message) {
        return new ConnectorProblem(ConnectorProblem.Kind.INVALID, message);
    }
}
