package dev.vigil.cases;

/** No case has the id asked for. */
public final class CaseNotFound extends RuntimeException {

    public CaseNotFound(String id) {
        super("no case with id '" + id + "'");
    }
}
