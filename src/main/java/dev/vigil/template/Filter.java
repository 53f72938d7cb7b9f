package dev.vigil.template;

/** A Liquid filter: input value, evaluated arguments ({@link KeywordArg} for {@code key: value}), render state. */
@FunctionalInterface
interface Filter {

    Object apply(Object input, Object[] args, RenderState st);

    record KeywordArg(String key, Object value) {
    }
}
