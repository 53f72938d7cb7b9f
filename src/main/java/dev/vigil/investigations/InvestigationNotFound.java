package dev.vigil.investigations;

/** No investigation has this id. */
public final class InvestigationNotFound extends RuntimeException {

    public InvestigationNotFound(String id) {
        super("no investigation " + id);
    }
}
