package dev.vigil.template;

/** A template syntax problem; line and column are 1-based within the template text, 0 when unknown. */
public record TemplateError(int line, int column, String message) {
}
