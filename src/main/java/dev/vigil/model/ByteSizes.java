package dev.vigil.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes of {@code max-step-size}: a number and a unit b, kb, mb or gb, case-insensitive ({@code 10mb}, {@code 1.5GB}). */
public final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb)", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {
    }

    public static long parse(String text) {
        Matcher m = text == null ? null : SIZE.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("invalid byte size '" + text + "'; expected a number and a unit"
                    + " b, kb, mb or gb, e.g. 512kb, 10mb, 1.5GB");
        }
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "kb" -> 1024L;
            case "mb" -> 1024L * 1024;
            case "gb" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).longValue();
    }
}
