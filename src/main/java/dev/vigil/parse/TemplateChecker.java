package dev.vigil.parse;

import java.util.List;

/**
 * Checks the Liquid syntax of one template text (a whole YAML string value, {@code ${{ }}} form included).
 * Returns every error found, empty when the template is fine.
 */
@FunctionalInterface
public interface TemplateChecker {

    /** Accepts everything; for callers that do not check templates. */
    TemplateChecker NONE = template -> List.of();

    List<SyntaxError> check(String template);
}
