package dev.vigil.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Inputs and outputs (WORKFLOW_FORMAT.md §1.2): the legacy array form is converted to a JSON-schema object
 * {@code {properties, required?, additionalProperties: false}}; a JSON-schema object (one with
 * {@code properties}) is kept as written.
 */
final class InputSchemas {

    static final List<String> TYPES = List.of("string", "number", "boolean", "choice", "array");

    private final ParseContext ctx;

    InputSchemas(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** The JSON schema, or null when absent or unusable. {@code outputs} drops defaults and checks no template. */
    Map<String, Object> read(Node node, String path, String what, boolean outputs) {
        if (node == null) {
            return null;
        }
        if (node instanceof SequenceNode seq) {
            return legacy(seq, path, outputs);
        }
        if (node instanceof MappingNode map && new Fields(map, path, what, ctx.problems).node("properties")
                instanceof MappingNode) {
            if (!outputs) {
                defaults(map, path);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> schema = (Map<String, Object>) Nodes.value(map);
            return schema;
        }
        ctx.problems.add("wrong-type", path, node, what + " must be a list of {name, type} definitions or a JSON"
                + " schema object with 'properties'; got " + Nodes.describe(node));
        return null;
    }

    private Map<String, Object> legacy(SequenceNode seq, String path, boolean outputs) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<Object> required = new java.util.ArrayList<>();
        Map<String, Node> seen = new LinkedHashMap<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            String itemPath = Nodes.index(path, i);
            Fields f = Fields.of(seq.getValue().get(i), itemPath, "an input definition",
                    "a mapping with name and type", ctx.problems);
            if (f == null) {
                continue;
            }
            String name = f.requiredString("name");
            if (name != null) {
                f.owner("input '" + name + "'");
                Node previous = seen.putIfAbsent(name, f.node("name"));
                if (previous != null) {
                    f.problem("duplicate-input-name", "name", "input name '" + name + "' is declared twice (first at "
                            + Nodes.pos(previous) + ")");
                }
            }
            if (f.node("type") == null) {
                f.missing("type");
            }
            String type = f.oneOf("type", TYPES, null);
            Map<String, Object> property = property(f, type, outputs);
            if (name != null && type != null) {
                properties.putIfAbsent(name, property);
                if (Boolean.TRUE.equals(f.bool("required"))) {
                    required.add(name);
                }
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private Map<String, Object> property(Fields f, String type, boolean outputs) {
        Map<String, Object> property = new LinkedHashMap<>();
        if (type == null) {
            return property;
        }
        switch (type) {
            case "choice" -> {
                property.put("type", "string");
                SequenceNode options = f.list("options", "a list of strings");
                if (f.node("options") == null) {
                    f.missing("options");
                } else if (options != null) {
                    for (Node option : options.getValue()) {
                        if (Nodes.string(option) == null) {
                            ctx.problems.add("wrong-type", f.path("options"), option, "choice options must be"
                                    + " strings; got " + Nodes.describe(option));
                        }
                    }
                    property.put("enum", Nodes.value(options));
                }
            }
            case "array" -> {
                property.put("type", "array");
                List<Object> anyOf = List.of(Map.of("type", "string"), Map.of("type", "number"),
                        Map.of("type", "boolean"));
                property.put("items", Map.of("anyOf", anyOf));
                Long min = f.integer("minItems", 0, Integer.MAX_VALUE);
                Long max = f.integer("maxItems", 0, Integer.MAX_VALUE);
                if (min != null) {
                    property.put("minItems", min);
                }
                if (max != null) {
                    property.put("maxItems", max);
                }
            }
            default -> property.put("type", type);
        }
        String description = f.string("description");
        if (description != null) {
            property.put("description", description);
        }
        if (!outputs && f.has("default")) {
            Node value = f.node("default");
            property.put("default", value == null ? null : Nodes.value(value));
            ctx.templates(value, f.path("default"));
        }
        return property;
    }

    /** Registers templated {@code default} values of a JSON-schema object's properties, nested ones included. */
    private void defaults(MappingNode schema, String path) {
        Fields f = new Fields(schema, path, "schema", ctx.problems);
        if (!(f.node("properties") instanceof MappingNode properties)) {
            return;
        }
        Fields props = new Fields(properties, f.path("properties"), "properties", ctx.problems);
        for (String name : props.keys()) {
            if (props.node(name) instanceof MappingNode property) {
                Fields p = new Fields(property, props.path(name), name, ctx.problems);
                ctx.templates(p.node("default"), p.path("default"));
                defaults(property, props.path(name));
            }
        }
    }
}
