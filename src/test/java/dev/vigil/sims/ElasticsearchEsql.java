package dev.vigil.sims;

import dev.vigil.sims.ElasticsearchQueries.Doc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ES|QL {@link ElasticsearchSim} answers without stubs: {@code FROM <indices>} gives the documents' fields as
 * columns (flattened to dotted names, sorted, or as {@code KEEP} lists them) and {@code LIMIT} bounds the rows;
 * {@code ROW a = 1, b = "x"} gives one row. Other commands (WHERE, STATS, EVAL ...) are not evaluated.
 */
final class ElasticsearchEsql {

    private static final Pattern FROM = Pattern.compile("(?is)^\\s*FROM\\s+([^\\s|]+(?:\\s*,\\s*[^\\s|]+)*)");
    private static final Pattern KEEP = Pattern.compile("(?i)\\|\\s*KEEP\\s+([^|]+)");
    private static final Pattern LIMIT = Pattern.compile("(?i)\\|\\s*LIMIT\\s+(\\d+)");
    private static final int DEFAULT_LIMIT = 1000;

    private ElasticsearchEsql() {
    }

    /** No index matches a FROM target. */
    static final class UnknownIndex extends Exception {
        UnknownIndex(String name) {
            super(name, null, false, false);
        }
    }

    interface Sources {
        /** The documents of a FROM target list ({@code logs-*,alerts}). */
        List<Doc> from(String expression) throws UnknownIndex;
    }

    static Simulator.Response answer(String query, Sources sources) {
        Matcher from = FROM.matcher(query);
        if (!from.find()) {
            if (query.strip().toUpperCase(Locale.ROOT).startsWith("ROW")) {
                return row(query.strip().substring(3));
            }
            return ElasticsearchSim.error(400, "parsing_exception", "line 1:1: mismatched input '"
                    + query.strip().split("\\s+")[0] + "' expecting {'explain', 'row', 'from', 'show'}", null);
        }
        List<Doc> docs;
        try {
            docs = sources.from(from.group(1).replaceAll("\\s+", ""));
        } catch (UnknownIndex e) {
            return ElasticsearchSim.error(400, "verification_exception", "Found 1 problem\nline 1:6: Unknown index ["
                    + e.getMessage() + "]", null);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        docs.forEach(doc -> rows.add(ElasticsearchQueries.flatten(doc.source())));
        List<String> names = new ArrayList<>();
        Matcher keep = KEEP.matcher(query);
        if (keep.find()) {
            for (String name : keep.group(1).split(",")) {
                names.add(name.strip().replace("`", ""));
            }
        } else {
            rows.forEach(row -> row.keySet().stream().filter(k -> !names.contains(k)).forEach(names::add));
            names.sort(null);
        }
        Matcher limit = LIMIT.matcher(query);
        int max = DEFAULT_LIMIT;
        while (limit.find()) {
            max = Integer.parseInt(limit.group(1));
        }
        List<Map<String, Object>> columns = new ArrayList<>();
        for (String name : names) {
            Object sample = rows.stream().map(row -> row.get(name)).filter(Objects::nonNull).findFirst().orElse(null);
            columns.add(Map.of("name", name, "type", type(name, sample)));
        }
        List<List<Object>> values = new ArrayList<>();
        for (Map<String, Object> row : rows.subList(0, Math.min(max, rows.size()))) {
            List<Object> line = new ArrayList<>();
            names.forEach(n -> line.add(row.get(n)));
            values.add(line);
        }
        return result(columns, values);
    }

    private static Simulator.Response row(String assignments) {
        List<Map<String, Object>> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (String assignment : assignments.split("\\|")[0].split(",")) {
            String[] kv = assignment.split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            String raw = kv[1].strip();
            Object value = raw.startsWith("\"") ? raw.replaceAll("^\"|\"$", "")
                    : raw.matches("-?\\d+") ? (Object) Long.parseLong(raw)
                    : raw.matches("-?\\d+\\.\\d+") ? (Object) Double.parseDouble(raw)
                    : raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false") ? (Object) Boolean.parseBoolean(raw)
                    : null;
            columns.add(Map.of("name", kv[0].strip(), "type", type(kv[0].strip(), value)));
            values.add(value);
        }
        return result(columns, List.of(values));
    }

    private static String type(String name, Object sample) {
        return switch (sample) {
            case Long l -> "long";
            case Integer i -> "integer";
            case Double d -> "double";
            case Boolean b -> "boolean";
            case List<?> list when !list.isEmpty() -> type(name, list.getFirst());
            case null -> "null";
            default -> name.equals("@timestamp") ? "date" : "keyword";
        };
    }

    /** The ES|QL response body: {@code took, is_partial, documents_found, values_loaded, columns, values}. */
    static Simulator.Response result(List<Map<String, Object>> columns, List<List<Object>> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("took", 12);
        out.put("is_partial", false);
        out.put("documents_found", values.size());
        out.put("values_loaded", values.size() * columns.size());
        out.put("columns", columns);
        out.put("values", values);
        return Simulator.Response.json(out);
    }
}
