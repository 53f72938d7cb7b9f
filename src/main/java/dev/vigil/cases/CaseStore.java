package dev.vigil.cases;

import java.util.List;
import java.util.Optional;

/** Where cases live. The version check of {@link #update} is the store's, so it holds across nodes. */
public interface CaseStore {

    void insert(Case created);

    Optional<Case> find(String id);

    /**
     * Replaces the case when it is still at {@code expectedVersion}.
     *
     * @return false when its version moved on (or the case is gone); nothing is written then
     */
    boolean update(Case changed, int expectedVersion);

    CasePage search(CaseQuery query);

    /** Cases holding the alert, newest first. */
    List<Case> byAlertId(String alertId);
}
