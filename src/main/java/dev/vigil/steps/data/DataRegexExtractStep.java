package dev.vigil.steps.data;

import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * {@code data.regexExtract}: matches {@code with.pattern} against top-level {@code source} and builds a map from
 * {@code with.fields} (output name → group: {@code $1}, {@code $0} for the whole match, {@code $<name>} or a bare
 * {@code name} for a named group; a group that did not take part gives null).
 *
 * <p>Output: the map of the first match, or null when nothing matches. With flag {@code g}: an array with one map
 * per match ({@code []} when nothing matches). A {@code source} array gives an array of those results, one per
 * element (null for a non-string element). Top-level {@code errorIfNoMatch} fails instead of giving null or
 * {@code []}. Input above 100 KB and matches running over the time limit fail (see {@link JsRegex}).
 */
public final class DataRegexExtractStep implements StepAction {

    public static final String TYPE = "data.regexExtract";

    public static StepDefinition definition() {
        return StepDefinition.of(TYPE, "Extracts regex groups from source into named fields",
                        new DataRegexExtractStep(), "pattern", "fields")
                .withFields(List.of("source", "errorIfNoMatch"), List.of("source"));
    }

    record Params(Object source, JsRegex.Compiled regex, String pattern, Map<String, String> fields,
                  boolean errorIfNoMatch) {
        static Params of(StepInvocation call) throws StepFailure {
            Map<String, Object> with = call.with();
            String pattern = DataArgs.string(TYPE, "with.pattern", with.get("pattern"), true);
            String flags = DataArgs.string(TYPE, "with.flags", with.get("flags"), false);
            if (!(with.get("fields") instanceof Map<?, ?> raw) || raw.isEmpty()) {
                throw DataArgs.bad(TYPE, "with.fields", "a non-empty object of name → group", with.get("fields"));
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : raw.entrySet()) {
                fields.put(String.valueOf(e.getKey()),
                        DataArgs.string(TYPE, "with.fields." + e.getKey(), e.getValue(), true));
            }
            Object errorIfNoMatch = call.field("errorIfNoMatch") != null ? call.field("errorIfNoMatch")
                    : with.get("errorIfNoMatch");
            return new Params(call.field("source"), JsRegex.compile(TYPE, pattern, flags), pattern, fields,
                    DataArgs.bool(TYPE, "errorIfNoMatch", errorIfNoMatch, false));
        }
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        Params params = Params.of(call);
        Duration limit = JsRegex.limit(call.remaining());
        try {
            return switch (params.source()) {
                case String text -> extract(params, text, limit);
                case List<?> list -> {
                    List<Object> out = new ArrayList<>(list.size());
                    for (Object element : list) {
                        out.add(element instanceof String text ? extract(params, text, limit) : null);
                    }
                    yield out;
                }
                case null, default -> throw DataArgs.bad(TYPE, "source", "a string or an array of strings",
                        params.source());
            };
        } catch (JsRegex.TimedOut e) {
            throw JsRegex.timedOut(TYPE, limit);
        }
    }

    private static Object extract(Params params, String text, Duration limit) throws StepFailure {
        JsRegex.checkSize(TYPE, text);
        Matcher m = params.regex().pattern().matcher(JsRegex.Deadline.of(text, limit));
        if (!params.regex().global()) {
            if (m.find()) {
                return fields(params, m);
            }
            return noMatch(params, null);
        }
        List<Object> all = new ArrayList<>();
        while (m.find()) {
            all.add(fields(params, m));
        }
        return all.isEmpty() ? noMatch(params, all) : all;
    }

    private static Object noMatch(Params params, Object result) throws StepFailure {
        if (params.errorIfNoMatch()) {
            throw new StepFailure(TYPE + ": pattern \"" + params.pattern() + "\" did not match the source"
                    + " (errorIfNoMatch is set)");
        }
        return result;
    }

    private static Map<String, Object> fields(Params params, Matcher m) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.fields().forEach((name, ref) -> out.put(name, group(params.regex(), m, ref)));
        return out;
    }

    private static String group(JsRegex.Compiled regex, Matcher m, String ref) {
        if (ref.startsWith("$<") && ref.endsWith(">")) {
            return regex.named(m, ref.substring(2, ref.length() - 1));
        }
        if (ref.matches("\\$?\\d{1,3}")) {
            int number = Integer.parseInt(ref.startsWith("$") ? ref.substring(1) : ref);
            return number <= m.groupCount() ? m.group(number) : null;
        }
        return regex.named(m, ref.startsWith("$") ? ref.substring(1) : ref);
    }
}
