package dev.vigil.connectors;

/**
 * A refused connector change: what is wrong and where ("config.baseUrl"), for a 400 over the API or a line at
 * start-up for a YAML file.
 */
public final class ConnectorProblem extends RuntimeException {

    /** Why it was refused: the API maps these to 400, 404 and 409. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;

    public ConnectorProblem(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
