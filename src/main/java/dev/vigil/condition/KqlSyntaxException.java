package dev.vigil.condition;

/**
 * A condition that is not valid KQL. The message says what is wrong, where, and what was expected
 * ("expected a value after ':' at column 9"); {@link #column()} repeats the place for editors and validation problems.
 */
public final class KqlSyntaxException extends Exception {

    private final int column;

    public KqlSyntaxException(String message, int column) {
        super(message);
        this.column = column;
    }

    /** 1-based column in the condition text (counted over the whole text, newlines included) where the problem is. */
    public int column() {
        return column;
    }
}
