package dev.vigil.parse;

import dev.vigil.model.Position;
import dev.vigil.model.Workflow;
import dev.vigil.steps.StepRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads Elastic Workflows YAML into the immutable {@link Workflow} model and reports every problem it finds
 * (WORKFLOW_FORMAT.md §8) with its code, path, line and column. Thread-safe: holds no per-parse state.
 */
public final class WorkflowParser {

    private final StepRegistry registry;
    private final TemplateChecker templates;
    private final ConditionChecker conditions;

    public WorkflowParser(StepRegistry registry, TemplateChecker templates, ConditionChecker conditions) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.conditions = Objects.requireNonNull(conditions, "conditions");
    }

    /** Parses one document; positions refer to lines and columns (code points) of {@code yaml}. */
    public ParseResult parse(String yaml) {
        Problems problems = new Problems();
        SourceText source = new SourceText(yaml);
        Optional<Node> loaded = YamlLoader.load(yaml, source, problems);
        if (loaded.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add("empty-document", "", Position.NONE,
                        "the document is empty; expected a workflow mapping with name, triggers and steps");
            }
            return new ParseResult(null, problems.sorted());
        }
        Node root = loaded.get();
        if (!(root instanceof MappingNode map)) {
            problems.add("wrong-type", "", root, "the document must be a mapping with name, triggers and steps; got "
                    + Nodes.describe(root));
            return new ParseResult(null, problems.sorted());
        }
        if (!StructureCheck.check(map, source, problems)) {
            return new ParseResult(null, problems.sorted());
        }
        ParseContext ctx = new ParseContext(problems, registry);
        Workflow workflow = new WorkflowBuilder(ctx).build(map);
        InstallTokens.check(map, source, problems);
        duplicateNames(ctx);
        new TextChecks(ctx, source, templates, conditions).run(WorkflowBuilder.declaredInputs(workflow));
        return new ParseResult(workflow, problems.sorted());
    }

    private static void duplicateNames(ParseContext ctx) {
        for (Map.Entry<String, List<ParseContext.NameSite>> e : ctx.stepNames.entrySet()) {
            List<ParseContext.NameSite> sites = e.getValue();
            for (int i = 1; i < sites.size(); i++) {
                ParseContext.NameSite first = sites.getFirst();
                ctx.problems.add("duplicate-step-name", sites.get(i).path(), sites.get(i).position(),
                        "Step name \"" + e.getKey() + "\" is not unique. Found " + sites.size()
                                + " steps with this name. First defined at " + first.position() + " ("
                                + first.path() + ").");
            }
        }
    }
}
