package dev.vigil.parse;

import java.util.Optional;

/** Checks the KQL syntax of one condition text (never called for templated or {@code true}/{@code false} texts). */
@FunctionalInterface
public interface ConditionChecker {

    /** Accepts everything; for callers that do not check conditions. */
    ConditionChecker NONE = kql -> Optional.empty();

    Optional<SyntaxError> check(String kql);
}
