package dev.vigil.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small stand-ins for the Liquid and KQL checkers, enough to test where the parser reports their errors. */
final class TestCheckers {

    /** LiquidJS built-ins plus the workflow filters (WORKFLOW_FORMAT.md §4.4). */
    static final Set<String> FILTERS = Set.of("plus", "minus", "times", "divided_by", "modulo", "abs", "ceil",
            "floor", "round", "at_least", "at_most", "append", "prepend", "capitalize", "upcase", "downcase",
            "strip", "lstrip", "rstrip", "strip_newlines", "split", "replace", "replace_first", "replace_last",
            "remove", "remove_first", "remove_last", "truncate", "truncatewords", "normalize_whitespace",
            "number_of_words", "slice", "escape", "escape_once", "url_encode", "url_decode", "strip_html",
            "newline_to_br", "xml_escape", "cgi_escape", "uri_escape", "slugify", "base64_encode", "base64_decode",
            "join", "first", "last", "reverse", "size", "sort", "sort_natural", "uniq", "compact", "concat", "map",
            "where", "where_exp", "reject", "group_by", "find", "find_exp", "has", "push", "pop", "shift",
            "unshift", "date", "date_to_xmlschema", "date_to_rfc822", "date_to_string", "default", "json",
            "jsonify", "inspect", "to_integer", "json_parse", "entries", "pick");

    private static final Pattern MARKUP = Pattern.compile("\\{\\{(.*?)}}|\\{%(.*?)%}", Pattern.DOTALL);
    private static final Pattern FILTER = Pattern.compile("\\|\\s*([A-Za-z_][A-Za-z0-9_]*)");

    private TestCheckers() {
    }

    /** Reports {@code undefined filter: X} and {@code output '{{ …' not closed}, with positions in the text. */
    static List<SyntaxError> templates(String text) {
        List<SyntaxError> errors = new ArrayList<>();
        Matcher m = MARKUP.matcher(text);
        int end = 0;
        while (m.find()) {
            Matcher f = FILTER.matcher(withoutStrings(text)).region(m.start(), m.end());
            while (f.find()) {
                if (!FILTERS.contains(f.group(1))) {
                    errors.add(at(text, f.start(1), "undefined filter: " + f.group(1)));
                }
            }
            end = m.end();
        }
        int open = text.indexOf("{{", end);
        if (open >= 0) {
            String rest = text.substring(open).split("\n", 2)[0].strip();
            errors.add(at(text, open, "output '" + rest + "' not closed"));
        }
        return errors;
    }

    /** The text with quoted string literals blanked out (offsets kept), so a '|' inside quotes is no filter. */
    private static String withoutStrings(String text) {
        return Pattern.compile("'[^']*'|\"[^\"]*\"").matcher(text)
                .replaceAll(r -> " ".repeat(r.group().length()));
    }

    /** Rejects Liquid-style {@code ==} in a bare condition, like the KQL grammar does. */
    static Optional<SyntaxError> conditions(String kql) {
        int i = kql.indexOf("==");
        return i < 0 ? Optional.empty()
                : Optional.of(at(kql, i, "unexpected '==': KQL compares with ':' (field: value)"));
    }

    private static SyntaxError at(String text, int offset, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SyntaxError(line, text.codePointCount(lineStart, offset) + 1, message);
    }
}
