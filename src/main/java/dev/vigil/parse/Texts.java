package dev.vigil.parse;

/** Small text predicates shared by the readers. */
final class Texts {

    private Texts() {
    }

    /** True when the text holds Liquid markup: {@code {{ }}}, {@code ${{ }}} or {@code {% %}}. */
    static boolean isTemplate(String text) {
        return text != null && (text.contains("{{") || text.contains("{%"));
    }

    /** True for the literal conditions {@code true} and {@code false} (trimmed), which need no KQL parse. */
    static boolean isBooleanLiteral(String text) {
        String t = text.trim();
        return t.equals("true") || t.equals("false");
    }
}
