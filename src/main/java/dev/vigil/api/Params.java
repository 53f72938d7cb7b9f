package dev.vigil.api;

import io.javalin.http.Context;
import java.util.Map;

/** Query parameters, checked: a value that is not what the parameter takes is a 400 naming it. */
final class Params {

    private Params() {
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw ApiError.badRequest("query parameter '" + name + "' is " + value + "; it must be between " + min
                        + " and " + max, Map.of("field", name));
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("query parameter '" + name + "' is '" + text + "', which is not a whole number",
                    Map.of("field", name));
        }
    }

    static boolean bool(Context ctx, String name, boolean fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        return switch (text.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.badRequest("query parameter '" + name + "' is '" + text + "'; expected true or "
                    + "false", Map.of("field", name));
        };
    }

    /** A parameter given several times ({@code ?statuses=a&statuses=b}) or comma-separated ({@code ?statuses=a,b}). */
    static java.util.List<String> list(Context ctx, String name) {
        return ctx.queryParams(name).stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** An ISO-8601 instant ({@code 2026-11-23T10:00:00Z}); null when absent. */
    static java.time.Instant instant(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.Instant.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiError.badRequest("query parameter '" + name + "' is '" + text + "', which is not an ISO-8601 "
                    + "instant such as 2026-11-23T10:00:00Z", Map.of("field", name));
        }
    }
}
