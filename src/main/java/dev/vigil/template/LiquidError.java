package dev.vigil.template;

/** Internal unchecked failure while parsing or rendering; {@code offset} is into the template text or -1. */
final class LiquidError extends RuntimeException {

    final int offset;
    final boolean limit;

    LiquidError(String message, int offset) {
        this(message, offset, false);
    }

    private LiquidError(String message, int offset, boolean limit) {
        super(message, null, false, false);
        this.offset = offset;
        this.limit = limit;
    }

    static LiquidError limit(String detail) {
        return new LiquidError("template exceeded the render limit: " + detail, -1, true);
    }
}
