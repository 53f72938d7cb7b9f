package dev.vigil.template;

import java.util.HashMap;
import java.util.Map;

/** The filter registry (LiquidJS built-ins plus Kibana's custom filters) and argument helpers for filters. */
final class Filters {

    private final Map<String, Filter> byName = new HashMap<>();

    Filters() {
        MathFilters.register(this);
        StringFilters.register(this);
        HtmlFilters.register(this);
        ArrayFilters.register(this);
        DateFilters.register(this);
        MiscFilters.register(this);
    }

    void add(String name, Filter filter) {
        byName.put(name, filter);
    }

    Filter get(String name) {
        return byName.get(name);
    }

    java.util.Set<String> names() {
        return byName.keySet();
    }

    /** The i-th positional argument (keyword arguments skipped), or undefined when absent. */
    static Object arg(Object[] args, int i) {
        int k = 0;
        for (Object a : args) {
            if (a instanceof Filter.KeywordArg) {
                continue;
            }
            if (k++ == i) {
                return a;
            }
        }
        return Undefined.INSTANCE;
    }

    static boolean given(Object[] args, int i) {
        return arg(args, i) != Undefined.INSTANCE;
    }

    static Object keyword(Object[] args, String name) {
        for (Object a : args) {
            if (a instanceof Filter.KeywordArg kw && kw.key().equals(name)) {
                return kw.value();
            }
        }
        return Undefined.INSTANCE;
    }

    static String str(Object v) {
        return JsValues.stringify(v);
    }

    static String strArg(Object[] args, int i) {
        return JsValues.stringify(arg(args, i));
    }

    static double num(Object v) {
        return JsValues.toDouble(v);
    }

    /** JavaScript {@code \s}. */
    static final String WS = "[\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]";

    static boolean isJsSpace(char c) {
        return c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == ' ' || c == '\u00A0'
                || c == '\u1680' || (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029'
                || c == '\u202F' || c == '\u205F' || c == '\u3000' || c == '\uFEFF';
    }
}
