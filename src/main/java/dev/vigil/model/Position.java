package dev.vigil.model;

/** A place in a YAML source: 1-based line and column ({@link #NONE} when unknown, e.g. built in code). */
public record Position(int line, int column) {
    public static final Position NONE = new Position(0, 0);

    public boolean known() {
        return line > 0;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
