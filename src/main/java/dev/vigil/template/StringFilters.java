package dev.vigil.template;

import static dev.vigil.template.Filters.arg;
import static dev.vigil.template.Filters.given;
import static dev.vigil.template.Filters.str;
import static dev.vigil.template.Filters.strArg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** LiquidJS string filters. Growing results are charged to the render's memory budget. */
final class StringFilters {

    private StringFilters() {
    }

    static void register(Filters f) {
        f.add("append", (v, a, st) -> concat(st, str(v), strArg(a, 0)));
        f.add("prepend", (v, a, st) -> concat(st, strArg(a, 0), str(v)));
        f.add("capitalize", (v, a, st) -> {
            String s = str(v);
            return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
        });
        f.add("upcase", (v, a, st) -> str(v).toUpperCase(Locale.ROOT));
        f.add("downcase", (v, a, st) -> str(v).toLowerCase(Locale.ROOT));
        f.add("strip", (v, a, st) -> strip(str(v), a, true, true));
        f.add("lstrip", (v, a, st) -> strip(str(v), a, true, false));
        f.add("rstrip", (v, a, st) -> strip(str(v), a, false, true));
        f.add("strip_newlines", (v, a, st) -> str(v).replaceAll("\\r?\\n", ""));
        f.add("split", (v, a, st) -> {
            String s = str(v);
            st.useMemory(s.length());
            List<Object> parts = split(s, strArg(a, 0));
            while (!parts.isEmpty() && "".equals(parts.getLast())) {
                parts.removeLast();
            }
            return parts;
        });
        f.add("replace", (v, a, st) -> {
            String s = str(v);
            String pattern = strArg(a, 0);
            String replacement = strArg(a, 1);
            List<Object> parts = split(s, pattern);
            st.useMemory(s.length() + (long) (parts.size() - 1) * Math.max(0, replacement.length() - pattern.length()));
            return join(parts, replacement);
        });
        f.add("replace_first", (v, a, st) -> replaceFirst(str(v), strArg(a, 0), strArg(a, 1)));
        f.add("replace_last", (v, a, st) -> replaceLast(str(v), strArg(a, 0), strArg(a, 1)));
        f.add("remove", (v, a, st) -> join(split(str(v), strArg(a, 0)), ""));
        f.add("remove_first", (v, a, st) -> replaceFirst(str(v), strArg(a, 0), ""));
        f.add("remove_last", (v, a, st) -> replaceLast(str(v), strArg(a, 0), ""));
        f.add("truncate", (v, a, st) -> {
            String s = str(v);
            double l = given(a, 0) ? Filters.num(arg(a, 0)) : 50;
            String o = given(a, 1) ? strArg(a, 1) : "...";
            if (s.length() <= l) {
                return v;
            }
            int cut = (int) Math.max(0, Math.min(s.length(), l - o.length()));
            return s.substring(0, cut) + o;
        });
        f.add("truncatewords", (v, a, st) -> {
            String[] words = str(v).split(Filters.WS + "+", -1);
            double n = given(a, 0) ? Filters.num(arg(a, 0)) : 15;
            String o = given(a, 1) ? strArg(a, 1) : "...";
            int k = n <= 0 || Double.isNaN(n) ? 1 : (int) Math.min(words.length, n);
            String ret = String.join(" ", Arrays.copyOf(words, k));
            return words.length >= n || (n <= 0) ? ret + o : ret;
        });
        f.add("normalize_whitespace", (v, a, st) -> str(v).replaceAll(Filters.WS + "+", " "));
        f.add("number_of_words", (v, a, st) -> {
            String s = jsTrim(str(v));
            return s.isEmpty() ? 0L : (long) s.split(Filters.WS + "+").length;
        });
        f.add("slugify", (v, a, st) -> slugify(str(v), given(a, 0) ? strArg(a, 0) : "default"));
        f.add("array_to_sentence_string", (v, a, st) -> {
            List<?> list = ArrayFilters.toArray(v);
            String connector = given(a, 0) ? strArg(a, 0) : "and";
            return switch (list.size()) {
                case 0 -> "";
                case 1 -> list.getFirst();
                case 2 -> str(list.get(0)) + " " + connector + " " + str(list.get(1));
                default -> join(new ArrayList<>(list.subList(0, list.size() - 1)), ", ") + ", " + connector + " "
                        + str(list.getLast());
            };
        });
    }

    private static String concat(RenderState st, String a, String b) {
        st.useMemory((long) a.length() + b.length());
        return a + b;
    }

    /** JavaScript String.prototype.split with a string separator ("" splits into UTF-16 units). */
    static List<Object> split(String s, String sep) {
        List<Object> parts = new ArrayList<>();
        if (sep.isEmpty()) {
            for (int i = 0; i < s.length(); i++) {
                parts.add(String.valueOf(s.charAt(i)));
            }
            return parts;
        }
        int from = 0;
        int at;
        while ((at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    static String join(List<?> parts, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sb.append(sep);
            }
            JsValues.appendText(sb, parts.get(i));
        }
        return sb.toString();
    }

    private static String replaceFirst(String s, String pattern, String replacement) {
        int at = s.indexOf(pattern);
        return at < 0 ? s : s.substring(0, at) + replacement + s.substring(at + pattern.length());
    }

    private static String replaceLast(String s, String pattern, String replacement) {
        int at = s.lastIndexOf(pattern);
        return at < 0 ? s : s.substring(0, at) + replacement + s.substring(at + pattern.length());
    }

    private static String strip(String s, Object[] a, boolean left, boolean right) {
        Object chars = arg(a, 0);
        String set = JsValues.truthy(chars) && !"".equals(JsValues.toValue(chars)) ? str(chars) : null;
        int i = 0;
        int j = s.length();
        while (left && i < j && (set == null ? Filters.isJsSpace(s.charAt(i)) : set.indexOf(s.charAt(i)) >= 0)) {
            i++;
        }
        while (right && j > i && (set == null ? Filters.isJsSpace(s.charAt(j - 1)) : set.indexOf(s.charAt(j - 1)) >= 0)) {
            j--;
        }
        return s.substring(i, j);
    }

    static String jsTrim(String s) {
        int i = 0;
        int j = s.length();
        while (i < j && Filters.isJsSpace(s.charAt(i))) {
            i++;
        }
        while (j > i && Filters.isJsSpace(s.charAt(j - 1))) {
            j--;
        }
        return s.substring(i, j);
    }

    /** Jekyll slugify: modes none, raw, default, pretty, ascii, latin. */
    static String slugify(String s, String mode) {
        String text = s;
        if ("latin".equals(mode)) {
            text = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        }
        String pattern = switch (mode) {
            case "none" -> null;
            case "raw" -> "\\s+";
            case "pretty" -> "[^\\p{L}\\p{N}._~!$&'()+,;=@]+";
            case "ascii", "latin" -> "[^a-zA-Z0-9]+";
            default -> "[^\\p{L}\\p{N}]+";
        };
        if (pattern == null) {
            return text.toLowerCase(Locale.ROOT);
        }
        String slug = text.replaceAll(pattern, "-").replaceAll("^-+|-+$", "");
        return slug.toLowerCase(Locale.ROOT);
    }
}
