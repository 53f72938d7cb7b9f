package dev.vigil.api;

import java.util.Map;

/**
 * A request the API refuses, with the status it answers and the body every 4xx has:
 * {@code {error, message, details}}. {@code error} is a stable code clients can key on; {@code message} says what
 * was wrong and, where it helps, what was expected; {@code details} carries the specifics (a field, a state).
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String error;
    private final Map<String, Object> details;

    public ApiError(int status, String error, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.error = error;
        this.details = details == null ? Map.of() : details;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message, Map.of());
    }

    public static ApiError badRequest(String message, Map<String, Object> details) {
        return new ApiError(400, "bad_request", message, details);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message, Map.of());
    }

    public static ApiError conflict(String message, Map<String, Object> details) {
        return new ApiError(409, "conflict", message, details);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** The JSON body of the answer. */
    public Map<String, Object> body() {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", error);
        body.put("message", getMessage());
        body.put("details", details);
        return body;
    }
}
