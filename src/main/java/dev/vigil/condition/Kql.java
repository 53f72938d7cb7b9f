package dev.vigil.condition;

/**
 * Entry point of the condition language (WORKFLOW_FORMAT.md §5): KQL text parsed once into an immutable
 * {@link KqlQuery} tree that is evaluated in memory against the value model.
 *
 * <p>The parser is written by hand: no usable KQL parser exists for Java, and Elastic's own grammar and evaluator
 * are under the Elastic License 2.0 (ELv2), which we do not take code from. The grammar follows the public shape of
 * KQL (or/and/not, {@code field: value}, ranges, value lists, nested {@code field:{…}}) with the lenient choices
 * recorded in docs/format.md (single-quoted values, {@code .length}, Liquid operators rejected with a hint).
 *
 * <p>Parsed queries are immutable and thread-safe, so callers cache them by text.
 */
public final class Kql {

    private Kql() {
    }

    /** Parses KQL text; throws {@link KqlSyntaxException} with a 1-based column when the text is not valid. */
    public static KqlQuery parse(String text) throws KqlSyntaxException {
        if (text == null) {
            throw new KqlSyntaxException("empty condition", 1);
        }
        return new KqlParser(text).parse();
    }
}
