package dev.vigil.template;

/**
 * Marker for JavaScript {@code undefined}: the result of a typed {@code ${{ }}} expression whose variable is
 * missing. Callers drop it from maps, turn it into {@code null} in lists and treat it as "absent" at top level.
 */
public final class Undefined {

    public static final Undefined INSTANCE = new Undefined();

    private Undefined() {
    }

    @Override
    public String toString() {
        return "undefined";
    }
}
