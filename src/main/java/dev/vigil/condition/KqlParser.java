package dev.vigil.condition;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent KQL parser working on characters (KQL's value syntax depends on context, so there is no
 * separate tokenizer). Grammar, loosest first:
 *
 * <pre>
 *   query     = or
 *   or        = and ("or" and)*
 *   and       = not ("and" not)*
 *   not       = "not" not | primary
 *   primary   = "(" or ")" | field ":" "{" or "}" | field ":" values | field rangeOp value | value
 *   values    = "(" valueOr ")" | value          (valueOr/valueAnd/valueNot mirror or/and/not over values)
 *   value     = "…" | '…' | unquoted text with * wildcards, trimmed, ending before a keyword, ( ) : &lt; &gt; { } "
 * </pre>
 *
 * Keywords are case-insensitive and need a space, '(' or the end after them. Every nesting level (parentheses,
 * {@code not}, braces) counts against {@link #MAX_DEPTH}, which keeps recursion far from the stack limit; each
 * character is scanned at most twice, so hostile input costs linear time.
 */
final class KqlParser {

    static final int MAX_DEPTH = 100;

    private static final String COMPARE_HINT = "KQL compares with ':' (field: value) or < <= > >=";

    private final String s;
    private int pos;
    private int depth;

    KqlParser(String text) {
        this.s = text;
    }

    KqlQuery parse() throws KqlSyntaxException {
        skipSpace();
        if (pos == s.length()) {
            throw new KqlSyntaxException("empty condition", 1);
        }
        KqlQuery query = or();
        skipSpace();
        if (pos < s.length()) {
            throw unexpectedAfterTerm();
        }
        return query;
    }

    static boolean isKeyword(String word) {
        return word.equalsIgnoreCase("and") || word.equalsIgnoreCase("or") || word.equalsIgnoreCase("not");
    }

    // ---- conditions ----

    private KqlQuery or() throws KqlSyntaxException {
        List<KqlQuery> terms = new ArrayList<>();
        terms.add(and());
        while (keywordAhead("or")) {
            terms.add(afterKeyword("or", this::and));
        }
        return terms.size() == 1 ? terms.getFirst() : new KqlQuery.Or(terms);
    }

    private KqlQuery and() throws KqlSyntaxException {
        List<KqlQuery> terms = new ArrayList<>();
        terms.add(not());
        while (keywordAhead("and")) {
            terms.add(afterKeyword("and", this::not));
        }
        return terms.size() == 1 ? terms.getFirst() : new KqlQuery.And(terms);
    }

    private KqlQuery not() throws KqlSyntaxException {
        skipSpace();
        if (keywordAt(pos, "not")) {
            int at = pos;
            enter(at);
            KqlQuery inner = afterKeyword("not", this::not);
            depth--;
            return new KqlQuery.Not(inner);
        }
        return primary();
    }

    private interface Rule {
        KqlQuery parse() throws KqlSyntaxException;
    }

    /** Consumes the keyword at {@code pos} (after spaces) and parses what must follow it. */
    private KqlQuery afterKeyword(String keyword, Rule rule) throws KqlSyntaxException {
        skipSpace();
        pos += keyword.length();
        skipSpace();
        if (pos == s.length() || s.charAt(pos) == ')' || s.charAt(pos) == '}') {
            throw new KqlSyntaxException("expected a condition after '" + keyword + "' at column " + column(), column());
        }
        return rule.parse();
    }

    private KqlQuery primary() throws KqlSyntaxException {
        skipSpace();
        if (pos == s.length()) {
            throw new KqlSyntaxException("expected a condition at column " + column(), column());
        }
        char c = s.charAt(pos);
        if (c == '(') {
            int open = pos++;
            enter(open);
            KqlQuery inner = or();
            close(')', open);
            depth--;
            return inner;
        }
        if (c == ')' || c == '}') {
            throw new KqlSyntaxException("unexpected '" + c + "' at column " + column() + "; expected a condition",
                    column());
        }
        if (keywordAt(pos, "and") || keywordAt(pos, "or")) {
            String word = word(pos);
            throw new KqlSyntaxException("unexpected '" + word + "' at column " + column()
                    + "; expected a condition before '" + word + "'", column());
        }
        rejectOperator(pos);
        if (c == '"') {
            int start = pos;
            String name = quoted('"');
            int end = pos;
            skipSpace();
            if (pos < s.length() && (s.charAt(pos) == ':' || s.charAt(pos) == '<' || s.charAt(pos) == '>')) {
                return afterField(Path.parse(name, start + 2));
            }
            pos = end;
            return new KqlQuery.FreeText(Literal.exact(name));
        }
        int start = pos;
        int end = fieldEnd(start);
        if (end > start) {
            pos = end;
            skipSpace();
            if (pos < s.length() && (s.charAt(pos) == ':' || s.charAt(pos) == '<' || s.charAt(pos) == '>')) {
                return afterField(Path.parse(s.substring(start, end), start + 1));
            }
            rejectOperator(pos);
            pos = start;
        }
        Literal text = value(false);
        if (text == null) {
            throw unexpected("expected a field or '('");
        }
        return new KqlQuery.FreeText(text);
    }

    /** At ':' or a range operator after a field. */
    private KqlQuery afterField(Path field) throws KqlSyntaxException {
        char c = s.charAt(pos);
        if (c == ':') {
            pos++;
            skipSpace();
            rejectOperator(pos);
            if (pos < s.length() && s.charAt(pos) == '{') {
                int open = pos++;
                enter(open);
                KqlQuery inner = or();
                close('}', open);
                depth--;
                return new KqlQuery.Nested(field, inner);
            }
            return values(field, "':'");
        }
        KqlQuery.Range.Operator operator;
        if (s.startsWith("<=", pos)) {
            operator = KqlQuery.Range.Operator.LTE;
        } else if (s.startsWith(">=", pos)) {
            operator = KqlQuery.Range.Operator.GTE;
        } else {
            operator = c == '<' ? KqlQuery.Range.Operator.LT : KqlQuery.Range.Operator.GT;
        }
        pos += operator.symbol().length();
        skipSpace();
        rejectOperator(pos);
        Literal value = value(true);
        if (value == null) {
            throw expectedValue("'" + operator.symbol() + "'");
        }
        return new KqlQuery.Range(field, operator, value);
    }

    // ---- values after "field:" ----

    private KqlQuery values(Path field, String after) throws KqlSyntaxException {
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == '(') {
            int open = pos++;
            enter(open);
            KqlQuery inner = valueOr(field);
            close(')', open);
            depth--;
            return inner;
        }
        // A keyword cannot start a value (KQL rejects `a: not b`); saying so beats matching the text "not b".
        boolean keyword = keywordAt(pos, "and") || keywordAt(pos, "or") || keywordAt(pos, "not");
        Literal value = keyword ? null : value(false);
        if (value == null) {
            throw expectedValue(after);
        }
        return value.isBareWildcard() ? new KqlQuery.Exists(field) : new KqlQuery.Match(field, value);
    }

    private KqlQuery valueOr(Path field) throws KqlSyntaxException {
        List<KqlQuery> terms = new ArrayList<>();
        terms.add(valueAnd(field));
        while (keywordAhead("or")) {
            terms.add(afterValueKeyword("or", field, this::valueAnd));
        }
        return terms.size() == 1 ? terms.getFirst() : new KqlQuery.Or(terms);
    }

    private KqlQuery valueAnd(Path field) throws KqlSyntaxException {
        List<KqlQuery> terms = new ArrayList<>();
        terms.add(valueNot(field));
        while (keywordAhead("and")) {
            terms.add(afterValueKeyword("and", field, this::valueNot));
        }
        return terms.size() == 1 ? terms.getFirst() : new KqlQuery.And(terms);
    }

    private KqlQuery valueNot(Path field) throws KqlSyntaxException {
        skipSpace();
        if (keywordAt(pos, "not")) {
            enter(pos);
            KqlQuery inner = afterValueKeyword("not", field, this::valueNot);
            depth--;
            return new KqlQuery.Not(inner);
        }
        if (pos < s.length() && (keywordAt(pos, "and") || keywordAt(pos, "or"))) {
            throw new KqlSyntaxException("unexpected '" + word(pos) + "' at column " + column()
                    + "; expected a value before it", column());
        }
        return values(field, "'('");
    }

    private interface ValueRule {
        KqlQuery parse(Path field) throws KqlSyntaxException;
    }

    private KqlQuery afterValueKeyword(String keyword, Path field, ValueRule rule) throws KqlSyntaxException {
        skipSpace();
        pos += keyword.length();
        skipSpace();
        if (pos == s.length() || s.charAt(pos) == ')') {
            throw expectedValue("'" + keyword + "'");
        }
        return rule.parse(field);
    }

    /**
     * A single value: double-quoted (exact), single-quoted (exact, the lenient reading of §9.11), or unquoted
     * (trimmed, {@code *} wildcards unless {@code inRange}, where {@code *} is plain text). Null when no value starts
     * here.
     */
    private Literal value(boolean inRange) throws KqlSyntaxException {
        if (pos == s.length()) {
            return null;
        }
        char c = s.charAt(pos);
        if (c == '"') {
            return Literal.exact(quoted('"'));
        }
        if (c == '\'') {
            Literal single = singleQuoted();
            if (single != null) {
                return single;
            }
        }
        return unquoted(inRange);
    }

    /**
     * {@code 'text'} when the closing quote ends the value (followed by the end, ')', '}' or and/or); otherwise null
     * and the quote is ordinary text ({@code 'abc'def}, {@code O'Brien}).
     */
    private Literal singleQuoted() throws KqlSyntaxException {
        int start = pos;
        int close = s.indexOf('\'', start + 1);
        while (close > 0 && s.charAt(close - 1) == '\\' && !escapedBackslash(start + 1, close - 1)) {
            close = s.indexOf('\'', close + 1);
        }
        if (close < 0) {
            return null;
        }
        int after = close + 1;
        while (after < s.length() && Character.isWhitespace(s.charAt(after))) {
            after++;
        }
        boolean ends = after == s.length() || s.charAt(after) == ')' || s.charAt(after) == '}'
                || (after > close + 1 && (keywordAt(after, "and") || keywordAt(after, "or")));
        if (!ends) {
            return null;
        }
        String text = quoted('\'');
        return Literal.exact(text);
    }

    /** True when the backslash at {@code at} is itself escaped (an odd run of backslashes before it). */
    private boolean escapedBackslash(int from, int at) {
        int run = 0;
        for (int i = at - 1; i >= from && s.charAt(i) == '\\'; i--) {
            run++;
        }
        return run % 2 == 1;
    }

    /** A quoted string at {@code pos}; backslash escapes any character, {@code \t \n \r} mean whitespace. */
    private String quoted(char quote) throws KqlSyntaxException {
        int open = pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\' && pos < s.length()) {
                c = unescape(s.charAt(pos++));
            }
            sb.append(c);
        }
        throw new KqlSyntaxException("unterminated string: the " + quote + " at column " + (open + 1)
                + " has no closing " + quote, open + 1);
    }

    private Literal unquoted(boolean inRange) throws KqlSyntaxException {
        StringBuilder sb = new StringBuilder();
        List<Integer> stars = new ArrayList<>();
        int kept = 0; // length of sb without trailing unescaped whitespace
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\\') {
                if (pos + 1 == s.length()) {
                    throw new KqlSyntaxException("unfinished escape at column " + column()
                            + "; expected a character after '\\'", column());
                }
                sb.append(unescape(s.charAt(pos + 1)));
                pos += 2;
                kept = sb.length();
            } else if (c == '(' || c == ')' || c == ':' || c == '<' || c == '>' || c == '"' || c == '{' || c == '}') {
                break;
            } else if (Character.isWhitespace(c)) {
                int runEnd = pos;
                while (runEnd < s.length() && Character.isWhitespace(s.charAt(runEnd))) {
                    runEnd++;
                }
                if (runEnd == s.length() || keywordAt(runEnd, "and") || keywordAt(runEnd, "or")
                        || keywordAt(runEnd, "not")) {
                    break;
                }
                rejectOperator(runEnd);
                sb.append(s, pos, runEnd);
                pos = runEnd;
            } else {
                if (c == '*' && !inRange) {
                    stars.add(sb.length());
                } else {
                    sb.append(c);
                }
                pos++;
                kept = sb.length();
            }
        }
        if (kept == 0 && stars.isEmpty()) {
            return null;
        }
        sb.setLength(kept);
        if (stars.isEmpty()) {
            return Literal.exact(sb.toString());
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int star : stars) {
            parts.add(sb.substring(from, Math.min(star, kept)));
            from = Math.min(star, kept);
        }
        parts.add(sb.substring(from));
        return Literal.pattern(parts);
    }

    private static char unescape(char c) {
        return switch (c) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            default -> c;
        };
    }

    // ---- fields ----

    /**
     * End of the field name starting at {@code start}: up to a space, ':', '<', '>', a bracket pair's ']'
     * (quotes inside brackets may hold anything), or a character that cannot be part of a name.
     */
    private int fieldEnd(int start) throws KqlSyntaxException {
        int i = start;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '[') {
                i = Path.bracketEnd(s, i, 1) + 1;
                continue;
            }
            if (Character.isWhitespace(c) || "():<>{}\"\\=!&|".indexOf(c) >= 0) {
                break;
            }
            i++;
        }
        return i;
    }

    // ---- helpers ----

    /** True when, after spaces, the keyword follows (the position is left before the spaces). */
    private boolean keywordAhead(String keyword) {
        int i = pos;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return keywordAt(i, keyword);
    }

    /** The keyword (any case) at {@code i}, followed by a space, a parenthesis, '"' or the end of the text. */
    private boolean keywordAt(int i, String keyword) {
        if (!s.regionMatches(true, i, keyword, 0, keyword.length())) {
            return false;
        }
        int after = i + keyword.length();
        if (after == s.length()) {
            return true;
        }
        char c = s.charAt(after);
        return Character.isWhitespace(c) || c == '(' || c == ')' || c == '"';
    }

    /** Liquid/JavaScript operators get a message that says what KQL uses instead. */
    private void rejectOperator(int i) throws KqlSyntaxException {
        String op = null;
        String hint = COMPARE_HINT;
        for (String candidate : new String[] {"===", "!==", "==", "!=", "=>", "=<", "&&", "||", "="}) {
            if (s.startsWith(candidate, i)) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            return;
        }
        if (op.equals("&&") || op.equals("||")) {
            hint = "KQL combines conditions with '" + (op.equals("&&") ? "and" : "or") + "'";
        } else if (op.startsWith("!")) {
            hint = COMPARE_HINT + "; negate with 'not field: value'";
        }
        throw new KqlSyntaxException("unexpected '" + op + "' at column " + (i + 1) + "; " + hint, i + 1);
    }

    private void enter(int at) throws KqlSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw new KqlSyntaxException("condition nested deeper than " + MAX_DEPTH + " levels at column " + (at + 1)
                    + "; simplify the parentheses or 'not's", at + 1);
        }
    }

    private void close(char closer, int open) throws KqlSyntaxException {
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == closer) {
            pos++;
            return;
        }
        String opener = closer == ')' ? "(" : "{";
        if (pos == s.length()) {
            throw new KqlSyntaxException("expected '" + closer + "' at column " + column() + " to close the '" + opener
                    + "' at column " + (open + 1), column());
        }
        throw unexpected("expected 'and', 'or' or '" + closer + "' to close the '" + opener + "' at column "
                + (open + 1));
    }

    private KqlSyntaxException unexpectedAfterTerm() {
        if (s.charAt(pos) == ')' || s.charAt(pos) == '}') {
            return new KqlSyntaxException("unexpected '" + s.charAt(pos) + "' at column " + column() + "; there is no '"
                    + (s.charAt(pos) == ')' ? '(' : '{') + "' to close", column());
        }
        try {
            rejectOperator(pos);
        } catch (KqlSyntaxException liquid) {
            return liquid;
        }
        String hint = s.charAt(pos) == ':' ? "; quote values that contain ':'" : "";
        return unexpected("expected 'and', 'or' or the end of the condition" + hint);
    }

    private KqlSyntaxException unexpected(String expected) {
        return new KqlSyntaxException("unexpected '" + word(pos) + "' at column " + column() + "; " + expected,
                column());
    }

    private KqlSyntaxException expectedValue(String after) {
        if (pos < s.length() && (keywordAt(pos, "and") || keywordAt(pos, "or") || keywordAt(pos, "not"))) {
            return new KqlSyntaxException("expected a value after " + after + " at column " + column() + " but found '"
                    + word(pos) + "'; quote the value if it is the word itself", column());
        }
        return new KqlSyntaxException("expected a value after " + after + " at column " + column(), column());
    }

    /** The word or character at {@code i}, for messages (at most 20 characters). */
    private String word(int i) {
        int end = i;
        while (end < s.length() && end - i < 20 && Character.isLetterOrDigit(s.charAt(end))) {
            end++;
        }
        return end > i ? s.substring(i, end) : String.valueOf(s.charAt(i));
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private int column() {
        return pos + 1;
    }
}
