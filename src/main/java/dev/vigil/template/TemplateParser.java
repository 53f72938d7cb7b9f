package dev.vigil.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the node tree from tokens. Only the tags Kibana allows exist: assign, for, capture, case, comment,
 * decrement, increment, cycle, if, unless, break, continue, raw, echo, liquid and {@code #}.
 */
final class TemplateParser {

    /** LiquidJS tags that Kibana's workflow engine deliberately does not register. */
    private static final Set<String> UNSUPPORTED = Set.of("include", "render", "layout", "block", "tablerow");

    private final String src;
    private final Filters filters;
    private final List<Lexer.Tok> tokens;
    private int i;

    private TemplateParser(String src, Filters filters, List<Lexer.Tok> tokens) {
        this.src = src;
        this.filters = filters;
        this.tokens = tokens;
    }

    static Node[] parse(String src, Filters filters) {
        TemplateParser parser = new TemplateParser(src, filters, Lexer.lex(src));
        List<Node> nodes = new ArrayList<>();
        parser.body(nodes, Set.of(), null);
        return nodes.toArray(Node[]::new);
    }

    /** Parses nodes until a tag named in {@code stops}; returns it, or fails naming {@code opener} at the end. */
    private Lexer.Tok body(List<Node> into, Set<String> stops, Lexer.Tok opener) {
        while (i < tokens.size()) {
            Lexer.Tok t = tokens.get(i++);
            switch (t.kind) {
                case Lexer.TEXT -> {
                    if (t.end > t.begin) {
                        into.add(new Node.Text(src.substring(t.begin, t.end)));
                    }
                }
                case Lexer.OUTPUT -> into.add(new Node.Output(value(t.contentBegin, t.contentEnd)));
                default -> {
                    if (stops.contains(t.name)) {
                        return t;
                    }
                    tag(t, into);
                }
            }
        }
        if (opener != null) {
            throw notClosed(opener);
        }
        return null;
    }

    private LiquidError notClosed(Lexer.Tok opener) {
        return new LiquidError("tag " + src.substring(opener.begin, opener.end) + " not closed", opener.begin);
    }

    private Expr.Filtered value(int begin, int end) {
        return new ExprParser(src, begin, end, filters).readFilteredValue();
    }

    private ExprParser args(Lexer.Tok t) {
        return new ExprParser(src, t.argsBegin, t.contentEnd, filters);
    }

    private void tag(Lexer.Tok t, List<Node> into) {
        switch (t.name) {
            case "assign" -> into.add(assign(t));
            case "echo" -> {
                if (!args(t).remaining().isBlank()) {
                    into.add(new Node.Output(value(t.argsBegin, t.contentEnd)));
                }
            }
            case "if", "unless" -> into.add(conditional(t, t.name.equals("unless")));
            case "for" -> into.add(forLoop(t));
            case "case" -> into.add(caseTag(t));
            case "capture" -> into.add(capture(t));
            case "cycle" -> into.add(cycle(t));
            case "increment", "decrement" -> into.add(new Node.Counter(args(t).readIdentifier(),
                    t.name.equals("increment")));
            case "break" -> into.add(new Node.Signal(Node.BREAK));
            case "continue" -> into.add(new Node.Signal(Node.CONTINUE));
            case "comment" -> skipUntil("endcomment", t);
            case "raw" -> raw(t, into);
            case "#" -> {
                // inline comment
            }
            case "liquid" -> into.addAll(List.of(liquid(t)));
            default -> {
                if (UNSUPPORTED.contains(t.name)) {
                    throw new LiquidError("Template contains unsupported tags. Tag \"" + t.name
                            + "\" is not allowed", t.begin);
                }
                throw new LiquidError("tag \"" + t.name + "\" not found", t.begin);
            }
        }
    }

    private Node assign(Lexer.Tok t) {
        ExprParser p = args(t);
        String key = p.readIdentifier();
        p.skipBlank();
        if (p.peek() != '=') {
            throw new LiquidError("illegal token " + src.substring(t.begin, t.end), t.begin);
        }
        return new Node.Assign(key, value(p.p + 1, t.contentEnd));
    }

    private Node conditional(Lexer.Tok t, boolean unless) {
        String end = unless ? "endunless" : "endif";
        List<Node.Branch> branches = new ArrayList<>();
        Node[] otherwise = new Node[0];
        Expr condition = value(t.argsBegin, t.contentEnd);
        boolean inElse = false;
        while (true) {
            List<Node> nodes = new ArrayList<>();
            Lexer.Tok stop = body(nodes, Set.of("elsif", "else", end), t);
            if (inElse) {
                otherwise = nodes.toArray(Node[]::new);
            } else {
                branches.add(new Node.Branch(condition, nodes.toArray(Node[]::new)));
            }
            switch (stop.name) {
                case "elsif" -> {
                    if (inElse) {
                        throw new LiquidError("unexpected elsif after else", stop.begin);
                    }
                    condition = value(stop.argsBegin, stop.contentEnd);
                }
                case "else" -> {
                    if (inElse) {
                        throw new LiquidError("duplicated else", stop.begin);
                    }
                    inElse = true;
                }
                default -> {
                    return new Node.If(branches.toArray(Node.Branch[]::new), otherwise, unless);
                }
            }
        }
    }

    private Node forLoop(Lexer.Tok t) {
        ExprParser p = args(t);
        String variable = p.readIdentifier();
        String in = p.readIdentifier();
        p.skipBlank();
        int collectionBegin = p.p;
        Expr collection = variable.isEmpty() || !in.equals("in") ? null : p.readValue();
        if (collection == null) {
            throw new LiquidError("illegal tag: " + src.substring(t.begin, t.end), t.begin);
        }
        String collectionText = src.substring(collectionBegin, p.p);
        Expr offset = null;
        Expr limit = null;
        boolean reversed = false;
        while (true) {
            p.skipBlank();
            if (p.peek() == ',') {
                p.p++;
            }
            String name = p.readIdentifier();
            if (name.isEmpty()) {
                break;
            }
            p.skipBlank();
            Expr v = null;
            if (p.peek() == ':') {
                p.p++;
                v = p.readValue();
            }
            Expr given = v == null ? new Expr.Literal(true) : v;
            switch (name) {
                case "offset" -> offset = given;
                case "limit" -> limit = given;
                case "reversed" -> reversed = true;
                default -> {
                    // LiquidJS ignores other hash arguments
                }
            }
        }
        List<Node> body = new ArrayList<>();
        Lexer.Tok stop = body(body, Set.of("else", "endfor"), t);
        List<Node> otherwise = new ArrayList<>();
        if (stop.name.equals("else")) {
            body(otherwise, Set.of("endfor"), t);
        }
        return new Node.For(variable, collection, collectionText, offset, limit, reversed,
                body.toArray(Node[]::new), otherwise.toArray(Node[]::new));
    }

    private Node caseTag(Lexer.Tok t) {
        Expr target = value(t.argsBegin, t.contentEnd);
        List<Node.When> whens = new ArrayList<>();
        Node[] otherwise = new Node[0];
        Lexer.Tok stop = body(new ArrayList<>(), Set.of("when", "else", "endcase"), t);
        while (!stop.name.equals("endcase")) {
            List<Node> nodes = new ArrayList<>();
            if (stop.name.equals("when")) {
                List<Expr> values = new ArrayList<>();
                ExprParser p = args(stop);
                while (!p.end()) {
                    values.add(p.readValueOrThrow());
                    p.skipBlank();
                    if (p.peek() == ',') {
                        p.p++;
                    } else {
                        p.skipBlank();
                        if (p.remaining().startsWith("or")) {
                            p.p += 2;
                        } else if (!p.end()) {
                            throw p.error("unexpected token " + p.snapshot());
                        }
                    }
                    p.skipBlank();
                }
                stop = body(nodes, Set.of("when", "else", "endcase"), t);
                whens.add(new Node.When(values.toArray(Expr[]::new), nodes.toArray(Node[]::new)));
            } else {
                stop = body(nodes, Set.of("when", "else", "endcase"), t);
                otherwise = nodes.toArray(Node[]::new);
            }
        }
        return new Node.Case(target, whens.toArray(Node.When[]::new), otherwise);
    }

    private Node capture(Lexer.Tok t) {
        ExprParser p = args(t);
        String name = p.readIdentifier();
        if (name.isEmpty()) {
            Expr.Literal quoted = p.readQuoted();
            name = quoted == null ? "" : (String) quoted.value();
        }
        if (name.isEmpty()) {
            throw new LiquidError(src.substring(t.begin, t.end) + " - invalid capture name", t.begin);
        }
        List<Node> body = new ArrayList<>();
        body(body, Set.of("endcapture"), t);
        return new Node.Capture(name, body.toArray(Node[]::new));
    }

    private Node cycle(Lexer.Tok t) {
        ExprParser p = args(t);
        Expr group = null;
        List<Expr> candidates = new ArrayList<>();
        int firstBegin = p.p;
        Expr first = p.readValue();
        p.skipBlank();
        if (p.peek() == ':') {
            group = first;
            p.p++;
            firstBegin = p.p;
        } else if (first != null) {
            candidates.add(first);
        }
        while (true) {
            p.skipBlank();
            if (p.peek() == ',') {
                p.p++;
                continue;
            }
            if (p.end()) {
                break;
            }
            Expr value = p.readValue();
            if (value == null) {
                throw p.error("unexpected token " + p.snapshot());
            }
            candidates.add(value);
        }
        if (candidates.isEmpty()) {
            throw new LiquidError("empty candidates: " + src.substring(t.begin, t.end), t.begin);
        }
        return new Node.Cycle(group, candidates.toArray(Expr[]::new), src.substring(firstBegin, t.contentEnd).strip());
    }

    private void skipUntil(String end, Lexer.Tok opener) {
        while (i < tokens.size()) {
            Lexer.Tok t = tokens.get(i++);
            if (t.kind == Lexer.TAG && t.name.equals(end)) {
                return;
            }
        }
        throw notClosed(opener);
    }

    private void raw(Lexer.Tok t, List<Node> into) {
        while (i < tokens.size()) {
            Lexer.Tok next = tokens.get(i++);
            if (next.kind == Lexer.TAG && next.name.equals("endraw")) {
                return;
            }
            into.add(new Node.Text(src.substring(next.begin, next.end)));
        }
        throw notClosed(t);
    }

    /** {@code {% liquid %}}: one tag per line, without delimiters. */
    private Node[] liquid(Lexer.Tok t) {
        List<Lexer.Tok> lines = new ArrayList<>();
        int p = t.argsBegin;
        while (p < t.contentEnd) {
            int eol = src.indexOf('\n', p);
            int lineEnd = eol < 0 || eol > t.contentEnd ? t.contentEnd : eol;
            int b = p;
            while (b < lineEnd && ExprParser.isBlank(src.charAt(b))) {
                b++;
            }
            int e = lineEnd;
            while (e > b && ExprParser.isBlank(src.charAt(e - 1))) {
                e--;
            }
            if (e > b) {
                int nameEnd = b;
                if (src.charAt(b) == '#') {
                    nameEnd++;
                } else {
                    while (nameEnd < e && ExprParser.isWord(src.charAt(nameEnd))) {
                        nameEnd++;
                    }
                }
                if (nameEnd == b) {
                    throw new LiquidError("illegal liquid tag syntax", b);
                }
                int argsBegin = nameEnd;
                while (argsBegin < e && ExprParser.isBlank(src.charAt(argsBegin))) {
                    argsBegin++;
                }
                lines.add(new Lexer.Tok(Lexer.TAG, b, e, b, e, false, false, src.substring(b, nameEnd), argsBegin));
            }
            p = lineEnd + 1;
        }
        TemplateParser inner = new TemplateParser(src, filters, lines);
        List<Node> nodes = new ArrayList<>();
        inner.body(nodes, Set.of(), null);
        return nodes.toArray(Node[]::new);
    }
}
