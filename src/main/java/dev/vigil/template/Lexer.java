package dev.vigil.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits template text into text, output and tag tokens and applies {@code {%- -%}} whitespace control. */
final class Lexer {

    static final int TEXT = 0;
    static final int OUTPUT = 1;
    static final int TAG = 2;

    /** A token; for text, {@code begin..end} shrink under whitespace control. */
    static final class Tok {
        final int kind;
        int begin;
        int end;
        final int contentBegin;
        final int contentEnd;
        final boolean trimLeft;
        final boolean trimRight;
        final String name;
        final int argsBegin;

        Tok(int kind, int begin, int end, int contentBegin, int contentEnd, boolean trimLeft, boolean trimRight,
            String name, int argsBegin) {
            this.kind = kind;
            this.begin = begin;
            this.end = end;
            this.contentBegin = contentBegin;
            this.contentEnd = contentEnd;
            this.trimLeft = trimLeft;
            this.trimRight = trimRight;
            this.name = name;
            this.argsBegin = argsBegin;
        }

        static Tok text(int begin, int end) {
            return new Tok(TEXT, begin, end, begin, end, false, false, null, begin);
        }
    }

    private static final Pattern ENDRAW = Pattern.compile("\\{%-?\\s*endraw\\s*-?%}");

    private final String src;
    private final List<Tok> tokens = new ArrayList<>();

    private Lexer(String src) {
        this.src = src;
    }

    static List<Tok> lex(String src) {
        Lexer lexer = new Lexer(src);
        lexer.run();
        lexer.whitespaceControl();
        return lexer.tokens;
    }

    private void run() {
        int p = 0;
        int n = src.length();
        while (p < n) {
            int a = nextDelimiter(p);
            if (a < 0) {
                tokens.add(Tok.text(p, n));
                return;
            }
            if (a > p) {
                tokens.add(Tok.text(p, a));
            }
            if (src.charAt(a + 1) == '%') {
                int close = src.indexOf("%}", a + 2);
                if (close < 0) {
                    throw new LiquidError("tag " + snapshot(a) + " not closed", a);
                }
                Tok tag = tag(a, close + 2);
                tokens.add(tag);
                p = close + 2;
                if ("raw".equals(tag.name)) {
                    p = raw(a, p);
                }
            } else {
                int end = outputEnd(a + 2);
                if (end < 0) {
                    throw new LiquidError("output " + snapshot(a) + " not closed", a);
                }
                tokens.add(delimited(OUTPUT, a, end));
                p = end;
            }
        }
    }

    private int nextDelimiter(int from) {
        int i = src.indexOf('{', from);
        while (i >= 0 && i + 1 < src.length()) {
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%') {
                return i;
            }
            i = src.indexOf('{', i + 1);
        }
        return -1;
    }

    /** End (exclusive) of an output token starting its content at {@code p}; quoted strings may contain "}}". */
    private int outputEnd(int p) {
        int n = src.length();
        while (p < n) {
            char c = src.charAt(p);
            if (c == '"' || c == '\'') {
                p++;
                boolean escaped = false;
                while (p < n) {
                    char d = src.charAt(p++);
                    if (d == c && !escaped) {
                        break;
                    }
                    escaped = !escaped && d == '\\';
                }
                continue;
            }
            p++;
            if (c == '}' && p < n && src.charAt(p) == '}' ) {
                return p + 1;
            }
        }
        return -1;
    }

    private int raw(int rawBegin, int p) {
        Matcher m = ENDRAW.matcher(src);
        if (!m.find(p)) {
            throw new LiquidError("raw " + snapshot(rawBegin) + " not closed", rawBegin);
        }
        if (m.start() > p) {
            tokens.add(Tok.text(p, m.start()));
        }
        tokens.add(tag(m.start(), m.end()));
        return m.end();
    }

    private Tok delimited(int kind, int begin, int end) {
        int cb = begin + 2;
        int ce = end - 2;
        boolean trimLeft = cb < ce && src.charAt(cb) == '-';
        if (trimLeft) {
            cb++;
        }
        boolean trimRight = cb < ce && src.charAt(ce - 1) == '-';
        if (trimRight) {
            ce--;
        }
        return new Tok(kind, begin, end, cb, ce, trimLeft, trimRight, null, cb);
    }

    private Tok tag(int begin, int end) {
        Tok d = delimited(TAG, begin, end);
        int p = d.contentBegin;
        while (p < d.contentEnd && ExprParser.isBlank(src.charAt(p))) {
            p++;
        }
        int nameBegin = p;
        if (p < d.contentEnd && src.charAt(p) == '#') {
            p++;
        } else {
            while (p < d.contentEnd && ExprParser.isWord(src.charAt(p))) {
                p++;
            }
        }
        if (p == nameBegin) {
            throw new LiquidError("illegal tag syntax, tag name expected", begin);
        }
        String name = src.substring(nameBegin, p);
        while (p < d.contentEnd && ExprParser.isBlank(src.charAt(p))) {
            p++;
        }
        return new Tok(TAG, begin, end, d.contentBegin, d.contentEnd, d.trimLeft, d.trimRight, name, p);
    }

    private void whitespaceControl() {
        boolean inRaw = false;
        for (int i = 0; i < tokens.size(); i++) {
            Tok t = tokens.get(i);
            if (t.kind == TEXT) {
                continue;
            }
            if (!inRaw && t.trimLeft && i > 0 && tokens.get(i - 1).kind == TEXT) {
                Tok prev = tokens.get(i - 1);
                while (prev.end > prev.begin && ExprParser.isBlank(src.charAt(prev.end - 1))) {
                    prev.end--;
                }
            }
            if (t.kind == TAG && "raw".equals(t.name)) {
                inRaw = true;
            } else if (t.kind == TAG && "endraw".equals(t.name)) {
                inRaw = false;
            }
            if (!inRaw && t.trimRight && i + 1 < tokens.size() && tokens.get(i + 1).kind == TEXT) {
                Tok next = tokens.get(i + 1);
                while (next.begin < next.end && ExprParser.isBlank(src.charAt(next.begin))) {
                    next.begin++;
                }
            }
        }
    }

    private String snapshot(int begin) {
        String rest = src.substring(begin);
        return JsJson.quote(rest.length() > 32 ? rest.substring(0, 29) + "..." : rest);
    }
}
