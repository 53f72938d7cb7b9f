package dev.vigil.sims;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

/**
 * A ServiceNow instance's Table API ({@code /api/now/table/{table}}: POST 201, GET, PATCH, encoded queries with
 * {@code ^}, {@code ^NQ}, {@code ORDERBY[DESC]}, {@code LIKE} and the full-text {@code GOTO123TEXTQUERY321}), the
 * Attachment API and the OAuth token endpoint ({@code /oauth_token.do}, client credentials). Basic auth with
 * {@link #USER}/{@link #PASSWORD} or a Bearer token it issued. Writing {@code work_notes} or {@code comments} adds
 * a journal entry to {@code sys_journal_field}, as the instance does. Errors in ServiceNow's shape:
 * {@code {error: {message, detail}, status: "failure"}}.
 */
public final class ServiceNowSim extends Simulator {

    public static final String USER = "vigil.integration";
    public static final String PASSWORD = "sn-password-123456";
    public static final String CLIENT_ID = "3f1c0de2a9b84c5e8d7f6a5b4c3d2e1f";
    public static final String CLIENT_SECRET = "sn-client-secret-abcdef";
    static final String CREATED = "2024-05-01 10:00:00";
    static final String UPDATED = "2024-05-01 11:00:00";

    private final Map<String, List<Map<String, Object>>> tables = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> attachments = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1);
    private final AtomicInteger numbers = new AtomicInteger(10001);
    private final AtomicInteger tokens = new AtomicInteger();
    private volatile String token;

    public ServiceNowSim() {
        for (String table : List.of("incident", "sn_si_incident", "sys_user", "sys_journal_field", "kb_knowledge")) {
            tables.put(table, new CopyOnWriteArrayList<>());
        }
        insert("sys_user", new LinkedHashMap<>(Map.of("user_name", USER, "name", "Vigil Integration")));
        route("POST", "/oauth_token.do", (r, m) -> oauth(r));
        route("POST", "/api/now/table/([^/]+)", (r, m) -> authed(r, () -> create(r, m.group(1))));
        route("GET", "/api/now/table/([^/]+)", (r, m) -> authed(r, () -> query(r, m.group(1))));
        route("GET", "/api/now/table/([^/]+)/([^/]+)", (r, m) -> authed(r, () -> read(r, m)));
        route("PATCH", "/api/now/table/([^/]+)/([^/]+)", (r, m) -> authed(r, () -> patch(r, m)));
        route("GET", "/api/now/attachment/([^/]+)", (r, m) -> authed(r, () -> attachments.containsKey(m.group(1))
                ? Response.json(Map.of("result", meta(attachments.get(m.group(1))))) : noRecord()));
        route("GET", "/api/now/attachment/([^/]+)/file", (r, m) -> authed(r, () -> file(m.group(1))));
    }

    @Override
    public String name() {
        return "ServiceNow Table and Attachment APIs";
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        return Response.json(429, failure("Rate limit exceeded", "Too many requests for rate limit rule"
                        + " 'REST API per user'")).withHeader("Retry-After", String.valueOf(seconds))
                .withHeader("X-RateLimit-Limit", "100");
    }

    /** A record as stored (all fields), or null. */
    public Map<String, Object> record(String table, String sysId) {
        return tables.getOrDefault(table, List.of()).stream().filter(r -> sysId.equals(r.get("sys_id"))).findFirst()
                .orElse(null);
    }

    /** Puts a record in place; returns it with sys_id, number and dates. */
    public Map<String, Object> insert(String table, Map<String, Object> fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("sys_id", String.format(Locale.ROOT, "%032x", ids.getAndIncrement() * 7919L));
        if (!table.startsWith("sys_")) {
            String prefix = switch (table) {
                case "incident" -> "INC";
                case "sn_si_incident" -> "SIR";
                default -> "REC";
            };
            record.put("number", prefix + String.format(Locale.ROOT, "%07d", numbers.getAndIncrement()));
            record.put("state", "1");
        }
        record.put("sys_created_on", CREATED);
        record.put("sys_updated_on", CREATED);
        record.put("sys_created_by", USER);
        fields.forEach((k, v) -> record.put(k, v));
        journal(table, record, fields, CREATED);
        tables.get(table).add(record);
        return record;
    }

    /** An attachment of {@code table}'s record; the file's bytes are {@code content} in UTF-8. */
    public String attach(String table, String recordSysId, String fileName, String contentType, String content) {
        String sysId = String.format(Locale.ROOT, "%032x", 900000L + ids.getAndIncrement());
        attachments.put(sysId, Map.of("sys_id", sysId, "file_name", fileName, "content_type", contentType,
                "table_name", table, "table_sys_id", recordSysId, "content", content));
        return sysId;
    }

    /** Tokens issued by the OAuth endpoint. */
    public int tokensIssued() {
        return tokens.get();
    }

    static Map<String, Object> failure(String message, String detail) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("detail", detail);
        return Map.of("error", error, "status", "failure");
    }

    private static Response noRecord() {
        return Response.json(404, failure("No Record found", "Record doesn't exist or ACL restricts the record"
                + " retrieval"));
    }

    private Response authed(Request request, java.util.function.Supplier<Response> answer) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        String given = request.header("authorization");
        if (!basic.equals(given) && !(token != null && ("Bearer " + token).equals(given))) {
            return Response.json(401, failure("User Not Authenticated", "Required to provide Auth information"));
        }
        return answer.get();
    }

    private Response oauth(Request request) {
        Map<String, String> form = request.form();
        if (!"client_credentials".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))
                || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return Response.json(401, Map.of("error", "server_error", "error_description", "access_denied"));
        }
        token = "sn-access-token-" + tokens.incrementAndGet() + "-0123456789";
        return Response.json(Map.of("access_token", token, "scope", "useraccount", "token_type", "Bearer",
                "expires_in", 1799));
    }

    private Response create(Request request, String table) {
        if (!tables.containsKey(table)) {
            return Response.json(400, failure("Invalid table " + table, null));
        }
        return Response.json(201, Map.of("result", view(insert(table, request.jsonObject()), request)));
    }

    private Response read(Request request, Matcher path) {
        if (!tables.containsKey(path.group(1))) {
            return Response.json(400, failure("Invalid table " + path.group(1), null));
        }
        Map<String, Object> record = record(path.group(1), path.group(2));
        return record == null ? noRecord() : Response.json(Map.of("result", view(record, request)));
    }

    private Response patch(Request request, Matcher path) {
        Map<String, Object> record = record(path.group(1), path.group(2));
        if (record == null) {
            return noRecord();
        }
        Map<String, Object> changes = request.jsonObject();
        changes.forEach(record::put);
        record.put("sys_updated_on", UPDATED);
        journal(path.group(1), record, changes, UPDATED);
        return Response.json(Map.of("result", view(record, request)));
    }

    /** Journal fields are write-only on the record: the text goes to sys_journal_field, the field reads empty. */
    private void journal(String table, Map<String, Object> record, Map<String, Object> fields, String when) {
        for (String element : List.of("work_notes", "comments")) {
            if (fields.get(element) instanceof String text && !text.isBlank()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("sys_id", String.format(Locale.ROOT, "%032x", 500000L + ids.getAndIncrement()));
                entry.put("element", element);
                entry.put("element_id", record.get("sys_id"));
                entry.put("name", table);
                entry.put("value", text);
                entry.put("sys_created_on", when);
                entry.put("sys_created_by", USER);
                tables.get("sys_journal_field").add(entry);
                record.put(element, "");
            }
        }
    }

    private Response query(Request request, String table) {
        if (!tables.containsKey(table)) {
            return Response.json(400, failure("Invalid table " + table, null));
        }
        String encoded = request.query().getOrDefault("sysparm_query", "");
        List<Map<String, Object>> matching = new ArrayList<>();
        String orderBy = null;
        boolean descending = false;
        List<List<String>> alternatives = new ArrayList<>();
        for (String alternative : encoded.split("\\^NQ")) {
            List<String> terms = new ArrayList<>();
            for (String term : alternative.split("\\^")) {
                if (term.startsWith("ORDERBYDESC")) {
                    orderBy = term.substring(11);
                    descending = true;
                } else if (term.startsWith("ORDERBY")) {
                    orderBy = term.substring(7);
                } else if (!term.isBlank()) {
                    terms.add(term);
                }
            }
            alternatives.add(terms);
        }
        for (Map<String, Object> record : tables.get(table)) {
            if (alternatives.stream().anyMatch(terms -> terms.stream().allMatch(t -> matches(record, t)))) {
                matching.add(record);
            }
        }
        if (orderBy != null) {
            String field = orderBy;
            Comparator<Map<String, Object>> order = Comparator.comparing(
                    (Map<String, Object> r) -> String.valueOf(r.get(field)));
            matching.sort(descending ? order.reversed() : order);
        }
        int offset = Integer.parseInt(request.query().getOrDefault("sysparm_offset", "0"));
        int limit = Integer.parseInt(request.query().getOrDefault("sysparm_limit", "10000"));
        List<Object> page = new ArrayList<>();
        for (Map<String, Object> record : matching.subList(Math.min(offset, matching.size()),
                Math.min(offset + limit, matching.size()))) {
            page.add(view(record, request));
        }
        return Response.json(Map.of("result", page)).withHeader("X-Total-Count", String.valueOf(matching.size()));
    }

    private static boolean matches(Map<String, Object> record, String term) {
        if (term.startsWith("GOTO123TEXTQUERY321=")) {
            String text = term.substring(20).toLowerCase(Locale.ROOT);
            return record.values().stream().anyMatch(v -> String.valueOf(v).toLowerCase(Locale.ROOT).contains(text));
        }
        int like = term.indexOf("LIKE");
        if (like > 0) {
            return String.valueOf(record.get(term.substring(0, like))).contains(term.substring(like + 4));
        }
        int eq = term.indexOf('=');
        if (eq < 0) {
            return false;
        }
        boolean negated = term.charAt(eq - 1) == '!';
        String field = term.substring(0, negated ? eq - 1 : eq);
        boolean equal = String.valueOf(record.get(field)).equals(term.substring(eq + 1));
        return negated != equal;
    }

    /** The record with only {@code sysparm_fields}, if given. */
    private static Map<String, Object> view(Map<String, Object> record, Request request) {
        String fields = request.query().get("sysparm_fields");
        if (fields == null || fields.isBlank()) {
            return record;
        }
        Map<String, Object> some = new LinkedHashMap<>();
        for (String field : fields.split(",")) {
            if (record.containsKey(field)) {
                some.put(field, record.get(field));
            }
        }
        return some;
    }

    private static Map<String, Object> meta(Map<String, Object> attachment) {
        Map<String, Object> meta = new LinkedHashMap<>(attachment);
        String content = String.valueOf(meta.remove("content"));
        meta.put("size_bytes", String.valueOf(content.getBytes(StandardCharsets.UTF_8).length));
        meta.put("download_link", "/api/now/attachment/" + attachment.get("sys_id") + "/file");
        return meta;
    }

    private Response file(String sysId) {
        Map<String, Object> attachment = attachments.get(sysId);
        if (attachment == null) {
            return noRecord();
        }
        return new Response(200, Map.of("Content-Type", String.valueOf(attachment.get("content_type"))),
                String.valueOf(attachment.get("content")));
    }
}
