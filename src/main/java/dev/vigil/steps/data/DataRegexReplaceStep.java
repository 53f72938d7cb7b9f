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
 * {@code data.regexReplace}: replaces matches of {@code with.pattern} in top-level {@code source} (a string, or an
 * array whose string elements are replaced and other elements turned to text) with {@code with.replacement}; flag
 * {@code g} replaces every match, otherwise only the first. The replacement uses JavaScript syntax ({@code $1},
 * {@code $<name>}, {@code $&}, {@code $`}, {@code $'}, {@code $$}); it is expanded here rather than translated to
 * Java's syntax, so a backslash or an unknown {@code $x} stays literal as in JavaScript.
 *
 * <p>Output: the replaced string (or array). With top-level {@code detailed: true}:
 * {@code {original, replaced, matchCount}} where {@code matchCount} counts the replacements made.
 */
public final class DataRegexReplaceStep implements StepAction {

    public static final String TYPE = "data.regexReplace";

    public static StepDefinition definition() {
        return StepDefinition.of(TYPE, "Replaces regex matches in source (JavaScript replacement syntax)",
                        new DataRegexReplaceStep(), "pattern", "replacement")
                .withFields(List.of("source", "detailed"), List.of("source"));
    }

    record Params(Object source, JsRegex.Compiled regex, String replacement, boolean detailed) {
        static Params of(StepInvocation call) throws StepFailure {
            Map<String, Object> with = call.with();
            String pattern = DataArgs.string(TYPE, "with.pattern", with.get("pattern"), true);
            String flags = DataArgs.string(TYPE, "with.flags", with.get("flags"), false);
            Object replacement = with.get("replacement");
            if (replacement instanceof Number || replacement instanceof Boolean) {
                replacement = String.valueOf(replacement);
            }
            Object detailed = call.field("detailed") != null ? call.field("detailed") : with.get("detailed");
            return new Params(call.field("source"), JsRegex.compile(TYPE, pattern, flags),
                    DataArgs.string(TYPE, "with.replacement", replacement, true),
                    DataArgs.bool(TYPE, "detailed", detailed, false));
        }
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        Params params = Params.of(call);
        Duration limit = JsRegex.limit(call.remaining());
        int[] count = new int[1];
        Object replaced;
        try {
            replaced = switch (params.source()) {
                case String text -> replace(params, text, limit, count);
                case List<?> list -> {
                    List<Object> out = new ArrayList<>(list.size());
                    for (Object element : list) {
                        out.add(element instanceof String text ? replace(params, text, limit, count)
                                : String.valueOf(element));
                    }
                    yield out;
                }
                case null, default -> throw DataArgs.bad(TYPE, "source", "a string or an array of strings",
                        params.source());
            };
        } catch (JsRegex.TimedOut e) {
            throw JsRegex.timedOut(TYPE, limit);
        }
        if (!params.detailed()) {
            return replaced;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("original", params.source());
        details.put("replaced", replaced);
        details.put("matchCount", (long) count[0]);
        return details;
    }

    private static String replace(Params params, String text, Duration limit, int[] count) throws StepFailure {
        JsRegex.checkSize(TYPE, text);
        Matcher m = params.regex().pattern().matcher(JsRegex.Deadline.of(text, limit));
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            expand(params, text, m, out);
            last = m.end();
            count[0]++;
            if (!params.regex().global()) {
                break;
            }
            // Matcher.find steps past an empty match by itself, as JavaScript's replace does.
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    /** JavaScript's GetSubstitution: appends the replacement for the current match. */
    private static void expand(Params params, String text, Matcher m, StringBuilder out) {
        String r = params.replacement();
        int groups = m.groupCount();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c != '$' || i + 1 == r.length()) {
                out.append(c);
                continue;
            }
            char next = r.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i++;
            } else if (next == '&') {
                out.append(text, m.start(), m.end());
                i++;
            } else if (next == '`') {
                out.append(text, 0, m.start());
                i++;
            } else if (next == '\'') {
                out.append(text, m.end(), text.length());
                i++;
            } else if (Character.isDigit(next)) {
                int one = next - '0';
                int two = i + 2 < r.length() && Character.isDigit(r.charAt(i + 2)) ? one * 10 + (r.charAt(i + 2) - '0') : -1;
                if (two >= 1 && two <= groups) {
                    append(out, m.group(two));
                    i += 2;
                } else if (one >= 1 && one <= groups) {
                    append(out, m.group(one));
                    i++;
                } else {
                    out.append(c);
                }
            } else if (next == '<' && !params.regex().names().isEmpty() && r.indexOf('>', i + 2) > 0) {
                int close = r.indexOf('>', i + 2);
                append(out, params.regex().named(m, r.substring(i + 2, close)));
                i = close;
            } else {
                out.append(c);
            }
        }
    }

    private static void append(StringBuilder out, String group) {
        if (group != null) {
            out.append(group);
        }
    }
}
