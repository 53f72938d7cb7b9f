package dev.vigil.template;

import dev.vigil.model.Settings.LiquidLimits;
import dev.vigil.model.Values;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Liquid templates as Kibana's workflow engine runs them (LiquidJS with strictFilters, lenient variables,
 * own properties only, a tag allow-list and per-render limits). Thread-safe: parsed templates are immutable
 * trees shared by all threads through a bounded cache; everything mutable lives in a per-render state.
 */
public final class TemplateEngine {

    private static final int CACHE_LIMIT = 10_000;
    private static final long CACHE_CHARS = 32_000_000L;
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Filters filters = new Filters();
    private final Map<String, Object> templates = new ConcurrentHashMap<>();
    private final Map<String, Object> expressions = new ConcurrentHashMap<>();
    private final AtomicLong cachedChars = new AtomicLong();

    public TemplateEngine() {
    }

    /** Syntax check with the default limits; an empty list means valid. */
    public List<TemplateError> check(String template) {
        return check(template, LiquidLimits.DEFAULTS);
    }

    /** Syntax check against a workflow's own parse limit; an empty list means valid. */
    public List<TemplateError> check(String template, LiquidLimits limits) {
        if (template.length() > limits.parseLimit()) {
            return List.of(new TemplateError(1, 1, parseLimitMessage(template, limits)));
        }
        if (!containsTemplate(template)) {
            return List.of();
        }
        Object parsed = parsed(template);
        if (parsed instanceof LiquidError e) {
            int[] lc = lineColumn(template, e.offset);
            return List.of(new TemplateError(lc[0], lc[1], e.getMessage()));
        }
        return List.of();
    }

    /** Renders a template string to text. */
    public String render(String template, Map<String, Object> context, LiquidLimits limits)
            throws TemplateException {
        if (!containsTemplate(template)) {
            return template;
        }
        if (template.length() > limits.parseLimit()) {
            throw new TemplateException(parseLimitMessage(template, limits));
        }
        Object parsed = parsed(template);
        if (parsed instanceof LiquidError e) {
            throw new TemplateException(describe(template, e));
        }
        StringBuilder out = new StringBuilder(Math.max(16, template.length()));
        try {
            Node.renderAll((Node[]) parsed, new RenderState(filters, context, limits), out);
        } catch (LiquidError e) {
            throw new TemplateException(describe(template, e));
        } catch (StackOverflowError | OutOfMemoryError tooDeep) {
            throw new TemplateException("template exceeded the render limit: " + tooDeep.getClass().getSimpleName());
        }
        return out.toString();
    }

    /** Evaluates a Liquid value expression (operators and filters allowed) to a value-model value. */
    public Object evaluate(String expression, Map<String, Object> context, LiquidLimits limits)
            throws TemplateException {
        return evaluate(expression, "{{" + expression + "}}", context, limits);
    }

    private Object evaluate(String expression, String shown, Map<String, Object> context, LiquidLimits limits)
            throws TemplateException {
        if (expression.length() > limits.parseLimit()) {
            throw new TemplateException(parseLimitMessage(expression, limits));
        }
        Object parsed = expressions.get(expression);
        if (parsed == null) {
            try {
                parsed = new ExprParser(expression, 0, expression.length(), filters).readFilteredValue();
            } catch (LiquidError e) {
                parsed = e;
            }
            cache(expressions, expression, parsed);
        }
        if (parsed instanceof LiquidError e) {
            throw new TemplateException(invalid(shown, e));
        }
        try {
            return toModel(((Expr) parsed).eval(new RenderState(filters, context, limits)));
        } catch (LiquidError e) {
            throw new TemplateException(e.limit ? e.getMessage() : invalid(shown, e));
        } catch (StackOverflowError tooDeep) {
            throw new TemplateException("template exceeded the render limit: StackOverflowError");
        }
    }

    /**
     * Renders a raw YAML value: maps and lists element-wise (keys untouched), a whole {@code ${{ }}} string as a
     * typed expression, other strings as text. Undefined results are dropped from maps and null in lists.
     */
    public Object renderValue(Object raw, Map<String, Object> context, LiquidLimits limits)
            throws TemplateException {
        switch (raw) {
            case String s -> {
                if (isTypedExpression(s)) {
                    String expression = s.substring(s.indexOf("{{") + 2, s.lastIndexOf("}}"));
                    return evaluate(expression, s, context, limits);
                }
                return containsTemplate(s) ? render(s, context, limits) : s;
            }
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    Object value = renderValue(e.getValue(), context, limits);
                    if (value != Undefined.INSTANCE) {
                        out.put(String.valueOf(e.getKey()), value);
                    }
                }
                return out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (Object item : list) {
                    Object value = renderValue(item, context, limits);
                    out.add(value == Undefined.INSTANCE ? null : value);
                }
                return out;
            }
            case null, default -> {
                return raw;
            }
        }
    }

    /** True for a string that starts with "${{" and ends with "}}" (no trimming). */
    public static boolean isTypedExpression(String s) {
        return s.length() >= 5 && s.startsWith("${{") && s.endsWith("}}");
    }

    /** True when the string has "{{" or "{%" and so needs rendering. */
    public static boolean containsTemplate(String s) {
        int i = s.indexOf('{');
        while (i >= 0 && i + 1 < s.length()) {
            char c = s.charAt(i + 1);
            if (c == '{' || c == '%') {
                return true;
            }
            i = s.indexOf('{', i + 1);
        }
        return false;
    }

    /**
     * The context value for a timestamp: ISO-8601 UTC text with milliseconds ({@code 2026-11-23T10:15:30.123Z},
     * like JavaScript's toISOString and JSON form of a Date). It prints as such, parses in the date filter and
     * sorts chronologically as text.
     */
    public static Object timestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    private Object parsed(String template) {
        Object parsed = templates.get(template);
        if (parsed == null) {
            try {
                parsed = TemplateParser.parse(template, filters);
            } catch (LiquidError e) {
                parsed = e;
            } catch (StackOverflowError tooDeep) {
                parsed = new LiquidError("template nesting is too deep", -1);
            }
            cache(templates, template, parsed);
        }
        return parsed;
    }

    /** Bounded by entries and by total template characters; when full it simply starts again. */
    private void cache(Map<String, Object> cache, String key, Object value) {
        if (cache.size() >= CACHE_LIMIT || cachedChars.addAndGet(key.length()) > CACHE_CHARS) {
            cache.clear();
            cachedChars.set(key.length());
        }
        cache.put(key, value);
    }

    /** Typed results into the value model: JSON-like deep copy, undefined dropped from maps, null in lists. */
    private static Object toModel(Object value) {
        return switch (JsValues.toValue(value)) {
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
                map.forEach((k, v) -> {
                    if (v != Undefined.INSTANCE) {
                        out.put(String.valueOf(k), toModel(v));
                    }
                });
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (Object item : list) {
                    Object v = toModel(item);
                    out.add(v == Undefined.INSTANCE ? null : v);
                }
                yield out;
            }
            case Double d when !Double.isFinite(d) -> null;
            case Undefined u -> u;
            case Object other -> Values.normalize(other);
            case null -> null;
        };
    }

    private static String invalid(String template, LiquidError e) {
        return "The provided expression is invalid. Got: " + template + ". Cause: " + e.getMessage();
    }

    private static String describe(String template, LiquidError e) {
        if (e.offset < 0) {
            return e.getMessage();
        }
        int[] lc = lineColumn(template, e.offset);
        return e.getMessage() + " (at line " + lc[0] + ", column " + lc[1] + ")";
    }

    private static String parseLimitMessage(String template, LiquidLimits limits) {
        return "parse length limit exceeded: the template has " + template.length()
                + " characters, the limit is " + limits.parseLimit();
    }

    static int[] lineColumn(String text, int offset) {
        if (offset < 0) {
            return new int[]{0, 0};
        }
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[]{line, column};
    }
}
