package dev.vigil.cases;

/** A change named a version of the case that is no longer current: someone changed it since it was read. */
public final class CaseConflict extends RuntimeException {

    private final String caseId;
    private final int currentVersion;

    public CaseConflict(String caseId, int expectedVersion, int currentVersion) {
        super("case '" + caseId + "' is at version " + currentVersion + ", not " + expectedVersion
                + ": it changed since it was read; read it again and retry");
        this.caseId = caseId;
        this.currentVersion = currentVersion;
    }

    public String caseId() {
        return caseId;
    }

    public int currentVersion() {
        return currentVersion;
    }
}
