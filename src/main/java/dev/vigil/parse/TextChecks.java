package dev.vigil.parse;

import dev.vigil.model.Position;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every template and condition text once all step names and inputs are known: Liquid syntax, KQL
 * syntax, and references to steps and inputs that exist nowhere in the workflow (§8.4, §8.5).
 */
final class TextChecks {

    private static final String BEFORE = "(?<![\\p{L}\\p{N}_.\\-\\]$])";
    private static final String NAME = "([\\p{L}\\p{N}_-]+)";
    private static final String QUOTED = "\\[\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*]";
    private static final Pattern STEPS = Pattern.compile(BEFORE + "steps(?:\\." + NAME + "|" + QUOTED + ")");
    private static final Pattern INPUTS = Pattern.compile(BEFORE + "inputs(?:\\." + NAME + "|" + QUOTED + ")");
    private static final Pattern MARKUP = Pattern.compile("\\{\\{.*?(?:}}|$)|\\{%.*?(?:%}|$)", Pattern.DOTALL);

    /**
     * Inputs every manual run may carry without declaring them: running a workflow on a Discover document
     * passes the hit's metadata and fields as inputs (corpus: {@code inputs.fields.clientIp[0]}, {@code inputs._id}).
     */
    static final Set<String> DOCUMENT_INPUTS = Set.of("_id", "_index", "_source", "fields");

    private final ParseContext ctx;
    private final SourceText source;
    private final TemplateChecker templates;
    private final ConditionChecker conditions;

    TextChecks(ParseContext ctx, SourceText source, TemplateChecker templates, ConditionChecker conditions) {
        this.ctx = ctx;
        this.source = source;
        this.templates = templates;
        this.conditions = conditions;
    }

    /** @param inputs the declared input names, or null when references to inputs are not checked */
    void run(Set<String> inputs) {
        for (ParseContext.TextSite site : ctx.sites) {
            String text = site.text();
            List<int[]> regions;
            if (Texts.isTemplate(text)) {
                for (SyntaxError e : templates.check(text)) {
                    ctx.problems.add("liquid-syntax", site.path(), source.map(site.node(), e.line(), e.column()),
                            "invalid template: " + e.message());
                }
                regions = markup(text);
            } else if (site.condition() && !Texts.isBooleanLiteral(text)) {
                conditions.check(text).ifPresent(e -> ctx.problems.add("kql-syntax", site.path(),
                        source.map(site.node(), e.line(), e.column()), "invalid KQL condition: " + e.message()));
                regions = List.of(new int[] {0, text.length()});
            } else {
                continue;
            }
            references(site, regions, inputs);
        }
    }

    private static List<int[]> markup(String text) {
        List<int[]> regions = new ArrayList<>();
        Matcher m = MARKUP.matcher(text);
        while (m.find()) {
            regions.add(new int[] {m.start(), m.end()});
        }
        return regions;
    }

    private void references(ParseContext.TextSite site, List<int[]> regions, Set<String> inputs) {
        Set<String> reported = new HashSet<>();
        for (int[] region : regions) {
            Matcher steps = STEPS.matcher(site.text()).region(region[0], region[1]);
            steps.useTransparentBounds(true);
            while (steps.find()) {
                String name = name(steps);
                if (!ctx.stepNames.containsKey(name) && reported.add("steps:" + name)) {
                    ctx.problems.add("unknown-step-reference", site.path(), at(site, steps.start()),
                            "reference to unknown step '" + name + "' (" + steps.group() + "); no step in this"
                                    + " workflow has that name" + Suggest.didYouMean(name, ctx.stepNames.keySet()));
                }
            }
            if (inputs == null) {
                continue;
            }
            Matcher in = INPUTS.matcher(site.text()).region(region[0], region[1]);
            in.useTransparentBounds(true);
            while (in.find()) {
                String name = name(in);
                if (!inputs.contains(name) && !DOCUMENT_INPUTS.contains(name) && reported.add("inputs:" + name)) {
                    ctx.problems.add("unknown-input-reference", site.path(), at(site, in.start()),
                            "reference to undeclared input '" + name + "' (" + in.group() + "); declared inputs: "
                                    + (inputs.isEmpty() ? "none" : String.join(", ", inputs))
                                    + Suggest.didYouMean(name, inputs));
                }
            }
        }
    }

    private static String name(Matcher m) {
        for (int g = 1; g <= 3; g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return "";
    }

    /** The document position of a char offset inside the site's text. */
    private Position at(ParseContext.TextSite site, int offset) {
        String text = site.text();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = text.codePointCount(lineStart, offset) + 1;
        return source.map(site.node(), line, column);
    }
}
