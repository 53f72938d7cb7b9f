package dev.vigil.parse;

import dev.vigil.model.Settings;
import dev.vigil.model.Step;
import dev.vigil.model.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Builds the {@link Workflow} from the root mapping (WORKFLOW_FORMAT.md §1). Unknown top-level keys are
 * ignored, like Kibana's runtime schema; {@code template-metadata} is dropped.
 */
final class WorkflowBuilder {

    private final ParseContext ctx;
    private final StepParser steps;

    WorkflowBuilder(ParseContext ctx) {
        this.ctx = ctx;
        this.steps = new StepParser(ctx);
    }

    Workflow build(MappingNode root) {
        Fields f = new Fields(root, "", "the workflow", ctx.problems);
        String version = version(f);
        String name = f.requiredString("name");
        String description = f.string("description");
        Boolean enabled = f.bool("enabled");
        List<String> tags = tags(f);
        Settings settings = new SettingsParser(ctx, steps).parse(f);
        TriggerParser.Triggers triggers = new TriggerParser(ctx, settings.timezone()).parse(f);
        InputSchemas schemas = new InputSchemas(ctx);
        Map<String, Object> inputs = triggers.inputs();
        Map<String, Object> topInputs = schemas.read(f.node("inputs"), f.path("inputs"), "'inputs'", false);
        if (inputs == null) {
            inputs = topInputs;
        }
        Map<String, Object> outputs = schemas.read(f.node("outputs"), f.path("outputs"), "'outputs'", true);
        MappingNode constsNode = f.mapping("consts", "a mapping of names to values");
        @SuppressWarnings("unchecked")
        Map<String, Object> consts = constsNode == null ? Map.of() : (Map<String, Object>) Nodes.value(constsNode);
        List<Step> body = steps.list(f, "steps", true, false);
        return new Workflow(version, name, description, enabled == null || enabled, tags,
                triggers.triggers(), orEmpty(inputs), consts, orEmpty(outputs), settings, body);
    }

    private static Map<String, Object> orEmpty(Map<String, Object> map) {
        return map == null ? new LinkedHashMap<>() : map;
    }

    private String version(Fields f) {
        Node node = f.node("version");
        if (node == null) {
            return "1";
        }
        String text = Nodes.string(node);
        if (text == null) {
            f.problem("wrong-type", "version", "version must be the string \"1\"; got " + Nodes.describe(node)
                    + ": quote it, version: \"1\"");
        } else if (!text.equals("1")) {
            f.problem("bad-enum", "version", "unsupported version '" + text + "'; expected \"1\"");
        }
        return "1";
    }

    private List<String> tags(Fields f) {
        SequenceNode list = f.list("tags", "a list of strings");
        List<String> tags = new ArrayList<>();
        for (int i = 0; list != null && i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String tag = Nodes.string(item);
            if (tag == null) {
                ctx.problems.add("wrong-type", Nodes.index(f.path("tags"), i), item, "tags must be strings; got "
                        + Nodes.describe(item));
            } else {
                tags.add(tag);
            }
        }
        return tags;
    }

    /** The names of the declared inputs, or null when the workflow declares none or allows any. */
    static java.util.Set<String> declaredInputs(Workflow workflow) {
        Map<String, Object> inputs = workflow.inputs();
        if (!(inputs.get("properties") instanceof Map<?, ?> properties)
                || Boolean.TRUE.equals(inputs.get("additionalProperties"))
                || inputs.get("additionalProperties") instanceof Map) {
            return null;
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        properties.keySet().forEach(k -> names.add(String.valueOf(k)));
        return names;
    }

}
