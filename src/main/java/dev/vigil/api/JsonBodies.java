package dev.vigil.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.model.Values;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Request bodies into records, strictly: an unknown field, a value of the wrong type (no "5" for a number, no
 * number for a string), a missing body or malformed JSON is a 400 that names the field, the line and the column.
 * Jackson does the parsing; this class only turns its exceptions into answers people can act on.
 */
final class JsonBodies {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // a number or boolean where text is expected is a mistake, not text: no "5" from 5
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private JsonBodies() {
    }

    /** The body as a {@code type}; an empty body reads as {@code {}} when {@code emptyAllowed}. */
    static <T> T read(Context ctx, Class<T> type, boolean emptyAllowed) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0 || new String(body, 0, Math.min(body.length, 64)).isBlank()) {
            if (!emptyAllowed) {
                throw ApiError.badRequest("the request needs a JSON body");
            }
            body = "{}".getBytes();
        }
        try {
            T value = STRICT.readValue(body, type);
            if (value == null) {
                throw ApiError.badRequest("the body is null; expected a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            throw ApiError.badRequest("unknown field '" + path(e) + "'" + at(e) + "; expected one of "
                    + String.join(", ", known), details(e, Map.of("known", known)));
        } catch (InvalidFormatException e) {
            throw ApiError.badRequest("field '" + path(e) + "'" + at(e) + " has the value " + e.getValue()
                    + ", which is not a " + simple(e.getTargetType()), details(e, Map.of()));
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw ApiError.badRequest((field.isEmpty() ? "the body" : "field '" + field + "'") + at(e)
                    + " has the wrong type: expected " + simple(e.getTargetType()), details(e, Map.of()));
        } catch (JsonMappingException e) {
            // a record's constructor refused the values (a required field missing, a rule broken)
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw ApiError.badRequest(cause == e ? e.getOriginalMessage() : cause.getMessage(), details(e, Map.of()));
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the body is not valid JSON" + at(e) + ": " + e.getOriginalMessage(),
                    details(e, Map.of()));
        } catch (IOException e) {
            throw ApiError.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    /** A JSON object from the body as plain maps and lists (for free-form payloads such as alerts). */
    static Object readAny(Context ctx) {
        return Values.normalize(read(ctx, Object.class, false));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String at(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static Map<String, Object> details(JsonProcessingException e, Map<String, Object> more) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (e instanceof JsonMappingException m && !path(m).isEmpty()) {
            details.put("field", path(m));
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            details.put("line", location.getLineNr());
            details.put("column", location.getColumnNr());
        }
        details.putAll(more);
        return details;
    }

    private static String simple(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "string";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "object";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return type.getSimpleName();
    }
}
