package dev.vigil.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Liquid values, operator expressions and filter chains from a slice of the template text, following
 * LiquidJS's tokenizer: identifiers may contain {@code -} and {@code ?}, strings know backslash escapes, an
 * expression is a run of operands and operators (anything after it must be a filter).
 */
final class ExprParser {

    private final String src;
    private final Filters filters;
    int p;
    private final int n;

    ExprParser(String src, int begin, int end, Filters filters) {
        this.src = src;
        this.p = begin;
        this.n = end;
        this.filters = filters;
    }

    /** A whole filtered value that must use up the slice ({@code {{ }}}, {@code echo}, {@code if}, ...). */
    Expr.Filtered readFilteredValue() {
        Expr initial = readExpression();
        if (initial == null) {
            throw error("invalid value expression: " + snapshot());
        }
        List<Expr.FilterCall> calls = new ArrayList<>();
        while (true) {
            Expr.FilterCall call = readFilter();
            if (call == null) {
                return new Expr.Filtered(initial, calls.toArray(Expr.FilterCall[]::new));
            }
            calls.add(call);
        }
    }

    /** Operands and operators until neither can be read; null when there is no token at all. */
    Expr readExpression() {
        List<Object> tokens = new ArrayList<>();
        while (p < n) {
            Expr.Op op = readOperator();
            if (op != null) {
                tokens.add(op);
                continue;
            }
            Expr value = readValue();
            if (value == null) {
                break;
            }
            tokens.add(value);
        }
        if (tokens.isEmpty()) {
            return null;
        }
        if (tokens.size() == 1 && tokens.getFirst() instanceof Expr single) {
            return single;
        }
        return new Expr.Operation(toPostfix(tokens));
    }

    private static Object[] toPostfix(List<Object> tokens) {
        List<Object> out = new ArrayList<>(tokens.size());
        List<Expr.Op> ops = new ArrayList<>();
        for (Object token : tokens) {
            if (token instanceof Expr.Op op) {
                while (!ops.isEmpty() && ops.getLast().precedence > op.precedence) {
                    out.add(ops.removeLast());
                }
                ops.add(op);
            } else {
                out.add(token);
            }
        }
        while (!ops.isEmpty()) {
            out.add(ops.removeLast());
        }
        return out.toArray();
    }

    private static final String[] OPERATORS = {"==", "!=", ">=", "<=", ">", "<", "contains", "not", "and", "or"};
    private static final Expr.Op[] OPS = {Expr.Op.EQ, Expr.Op.NE, Expr.Op.GE, Expr.Op.LE, Expr.Op.GT, Expr.Op.LT,
            Expr.Op.CONTAINS, Expr.Op.NOT, Expr.Op.AND, Expr.Op.OR};

    private Expr.Op readOperator() {
        skipBlank();
        for (int i = 0; i < OPERATORS.length; i++) {
            String op = OPERATORS[i];
            if (src.startsWith(op, p) && p + op.length() <= n) {
                boolean word = Character.isLetter(op.charAt(0));
                if (word && p + op.length() < n && isWord(src.charAt(p + op.length()))) {
                    continue;
                }
                p += op.length();
                return OPS[i];
            }
        }
        return null;
    }

    Expr.FilterCall readFilter() {
        skipBlank();
        if (end()) {
            return null;
        }
        if (src.charAt(p) != '|') {
            throw error("expected \"|\" before filter");
        }
        p++;
        int nameAt = skipBlankAndMark();
        String name = readIdentifier();
        if (name.isEmpty()) {
            if (!end()) {
                throw error("expected filter name");
            }
            return null;
        }
        Filter impl = filters.get(name);
        if (impl == null) {
            throw new LiquidError("undefined filter: " + name, nameAt);
        }
        List<Expr> args = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        skipBlank();
        if (peek() == ':') {
            do {
                p++;
                readFilterArg(args, keys);
                skipBlank();
                if (!(end() || peek() == ',' || peek() == '|')) {
                    throw error("unexpected character " + snapshot());
                }
            } while (peek() == ',');
        } else if (!(peek() == '|' || end())) {
            throw error("expected \":\" after filter name");
        }
        return new Expr.FilterCall(name, impl, args.toArray(Expr[]::new), keys.toArray(String[]::new));
    }

    private void readFilterArg(List<Expr> args, List<String> keys) {
        int begin = skipBlankAndMark();
        Expr key = readValue();
        if (key == null) {
            return;
        }
        int keyEnd = p;
        skipBlank();
        if (peek() != ':') {
            args.add(key);
            keys.add(null);
            return;
        }
        p++;
        args.add(readValue());
        keys.add(src.substring(begin, keyEnd));
    }

    /** A single value: literal, string, range or number, optionally followed by properties, or a variable path. */
    Expr readValue() {
        skipBlank();
        Expr variable = readLiteral();
        if (variable == null) {
            variable = readQuoted();
        }
        if (variable == null) {
            variable = readRange();
        }
        if (variable == null) {
            variable = readNumber();
        }
        List<Expr> props = readProperties(variable == null);
        if (props.isEmpty()) {
            return variable;
        }
        return new Expr.Path(variable, props.toArray(Expr[]::new));
    }

    private List<Expr> readProperties(boolean isBegin) {
        List<Expr> props = new ArrayList<>(4);
        while (true) {
            if (peek() == '[') {
                p++;
                Expr prop = readValue();
                if (prop == null) {
                    prop = new Expr.Literal("");
                }
                int close = src.indexOf(']', p);
                if (close < 0 || close >= n) {
                    throw error("[ not closed");
                }
                p = close + 1;
                props.add(prop);
                continue;
            }
            if (isBegin && props.isEmpty()) {
                String id = readIdentifier();
                if (!id.isEmpty()) {
                    props.add(new Expr.Literal(id));
                    continue;
                }
            }
            if (peek() == '.' && peek(1) != '.') {
                p++;
                String id = readIdentifier();
                if (id.isEmpty()) {
                    break;
                }
                props.add(new Expr.Literal(id));
                continue;
            }
            break;
        }
        return props;
    }

    private Expr readNumber() {
        skipBlank();
        boolean decimal = false;
        boolean digit = false;
        int k = 0;
        if (peek() == '+' || peek() == '-') {
            k++;
        }
        while (p + k < n) {
            char c = src.charAt(p + k);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && peek(k + 1) != '.') {
                if (decimal || !digit) {
                    return null;
                }
                decimal = true;
            } else {
                break;
            }
            k++;
        }
        if (!digit || (p + k < n && isWord(src.charAt(p + k)))) {
            return null;
        }
        String text = src.substring(p, p + k);
        p += k;
        double d = Double.parseDouble(text);
        return new Expr.Literal(decimal ? JsValues.number(d) : (Object) parseLong(text, d));
    }

    private static Object parseLong(String text, double d) {
        try {
            return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException tooBig) {
            return d;
        }
    }

    private static final String[] LITERALS = {"true", "false", "nil", "null", "empty", "blank"};
    private static final Object[] LITERAL_VALUES = {true, false, Special.NIL, Special.NIL, Special.EMPTY,
            Special.BLANK};

    private Expr readLiteral() {
        skipBlank();
        for (int i = 0; i < LITERALS.length; i++) {
            String lit = LITERALS[i];
            int e = p + lit.length();
            if (e <= n && src.startsWith(lit, p) && (e == n || !isWord(src.charAt(e)))) {
                p = e;
                return new Expr.Literal(LITERAL_VALUES[i]);
            }
        }
        return null;
    }

    private Expr readRange() {
        skipBlank();
        if (peek() != '(') {
            return null;
        }
        p++;
        Expr low = readValueOrThrow();
        skipBlank();
        if (!(peek() == '.' && peek(1) == '.')) {
            throw error("invalid range syntax");
        }
        p += 2;
        Expr high = readValueOrThrow();
        skipBlank();
        if (peek() != ')') {
            throw error("invalid range syntax");
        }
        p++;
        return new Expr.Range(low, high);
    }

    Expr readValueOrThrow() {
        Expr value = readValue();
        if (value == null) {
            throw error("unexpected token " + snapshot() + ", value expected");
        }
        return value;
    }

    Expr.Literal readQuoted() {
        skipBlank();
        if (peek() != '"' && peek() != '\'') {
            return null;
        }
        int begin = p;
        char quote = src.charAt(p++);
        boolean escaped = false;
        while (p < n) {
            char c = src.charAt(p++);
            if (c == quote && !escaped) {
                break;
            }
            escaped = !escaped && c == '\\';
        }
        return new Expr.Literal(unescape(src.substring(begin, p)));
    }

    /** LiquidJS parseStringLiteral: drops the first and last character, resolves JS escapes. */
    static String unescape(String token) {
        StringBuilder sb = new StringBuilder(token.length());
        int last = token.length() - 1;
        for (int i = 1; i < last; i++) {
            char c = token.charAt(i);
            if (c != '\\' || i + 1 >= last + 1) {
                sb.append(c);
                continue;
            }
            char e = token.charAt(++i);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000B');
                case 'u' -> {
                    int j = i + 1;
                    while (j < last && j < i + 5 && Character.digit(token.charAt(j), 16) >= 0) {
                        j++;
                    }
                    if (j == i + 1) {
                        sb.append('u');
                    } else {
                        sb.append((char) Integer.parseInt(token.substring(i + 1, j), 16));
                        i = j - 1;
                    }
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    String readIdentifier() {
        skipBlank();
        int begin = p;
        while (p < n && isWord(src.charAt(p))) {
            p++;
        }
        return src.substring(begin, p);
    }

    static boolean isWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                || c == '?' || c >= 128;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    void skipBlank() {
        while (p < n && isBlank(src.charAt(p))) {
            p++;
        }
    }

    private int skipBlankAndMark() {
        skipBlank();
        return p;
    }

    boolean end() {
        return p >= n;
    }

    char peek() {
        return p < n ? src.charAt(p) : '\0';
    }

    private char peek(int k) {
        return p + k < n ? src.charAt(p + k) : '\0';
    }

    String remaining() {
        return src.substring(Math.min(p, n), n);
    }

    String snapshot() {
        String rest = remaining();
        if (rest.length() > 32) {
            rest = rest.substring(0, 29) + "...";
        }
        return JsJson.quote(rest);
    }

    LiquidError error(String message) {
        return new LiquidError(message, p);
    }
}
