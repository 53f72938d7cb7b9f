package dev.vigil.condition;

import java.util.ArrayList;
import java.util.List;

/**
 * The character level of KQL for {@link KqlParser}: spaces, keywords, quoted and unquoted values, field names, and
 * the helpful rejection of Liquid/JavaScript operators. KQL has no context-free tokens (a value runs until a
 * keyword, and {@code *} is a wildcard in one place and text in another), so the parser asks for what it expects
 * next at the shared position {@link #pos}.
 */
final class KqlScanner {

    private static final String COMPARE_HINT = "KQL compares with ':' (field: value) or < <= > >=";

    final String s;
    int pos;

    KqlScanner(String text) {
        this.s = text;
    }

    static boolean isKeyword(String word) {
        return word.equalsIgnoreCase("and") || word.equalsIgnoreCase("or") || word.equalsIgnoreCase("not");
    }

    boolean atEnd() {
        return pos == s.length();
    }

    /** The character at {@link #pos}; call only when not {@link #atEnd()}. */
    char peek() {
        return s.charAt(pos);
    }

    /** True when not at the end and the current character is one of {@code chars}. */
    boolean at(String chars) {
        return pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0;
    }

    /**
     * A single value: double-quoted (exact), single-quoted (exact, the lenient reading of §9.11), or unquoted
     * (trimmed, {@code *} wildcards unless {@code inRange}, where {@code *} is plain text). Null when no value starts
     * here.
     */
    Literal value(boolean inRange) throws KqlSyntaxException {
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
    String quoted(char quote) throws KqlSyntaxException {
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

    /**
     * End of the field name starting at {@code start}: up to a space, ':', '<', '>', a bracket pair's ']'
     * (quotes inside brackets may hold anything), or a character that cannot be part of a name.
     */
    int fieldEnd(int start) throws KqlSyntaxException {
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

    /** True when, after spaces, the keyword follows (the position is left before the spaces). */
    boolean keywordAhead(String keyword) {
        int i = pos;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return keywordAt(i, keyword);
    }

    /** The keyword (any case) at {@code i}, followed by a space, a parenthesis, '"' or the end of the text. */
    boolean keywordAt(int i, String keyword) {
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
    void rejectOperator(int i) throws KqlSyntaxException {
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

    /** The word or character at {@code i}, for messages (at most 20 characters). */
    String word(int i) {
        int end = i;
        while (end < s.length() && end - i < 20 && Character.isLetterOrDigit(s.charAt(end))) {
            end++;
        }
        return end > i ? s.substring(i, end) : String.valueOf(s.charAt(i));
    }

    void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    int column() {
        return pos + 1;
    }
}
