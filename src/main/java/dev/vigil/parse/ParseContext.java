package dev.vigil.parse;

import dev.vigil.model.Position;
import dev.vigil.steps.StepRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * State shared by the readers of one document: the problems, the texts to check once every step name and
 * input is known, and the step names seen so far.
 */
final class ParseContext {

    /** A string that is rendered (template) or evaluated (condition) at run time. */
    record TextSite(ScalarNode node, String text, String path, boolean condition) {
    }

    /** Where a step name was declared. */
    record NameSite(String path, Position position) {
    }

    final Problems problems;
    final StepRegistry registry;
    final List<TextSite> sites = new ArrayList<>();
    final Map<String, List<NameSite>> stepNames = new LinkedHashMap<>();

    ParseContext(Problems problems, StepRegistry registry) {
        this.problems = problems;
        this.registry = registry;
    }

    /** Registers a templated string for the Liquid check (ignored when it holds no markup). */
    void template(Node node, String path) {
        if (node instanceof ScalarNode s && Nodes.scalar(s) instanceof String text && Texts.isTemplate(text)) {
            sites.add(new TextSite(s, text, path, false));
        }
    }

    /** Registers every templated string under {@code node} (values only; map keys are never rendered). */
    void templates(Node node, String path) {
        if (node != null) {
            Nodes.eachScalar(node, path, this::template);
        }
    }

    /** Registers a condition: a template when it holds markup, KQL otherwise (unless literally true/false). */
    void condition(Node node, String path) {
        if (node instanceof ScalarNode s && Nodes.scalar(s) instanceof String text) {
            sites.add(new TextSite(s, text, path, true));
        }
    }

    void stepName(String name, String path, Node node) {
        stepNames.computeIfAbsent(name, n -> new ArrayList<>()).add(new NameSite(path, Nodes.pos(node)));
    }
}
