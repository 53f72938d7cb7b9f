package dev.vigil.parse;

/** A syntax error inside a checked template or condition text; line and column are 1-based, 0 when unknown. */
public record SyntaxError(int line, int column, String message) {
}
