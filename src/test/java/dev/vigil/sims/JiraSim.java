package dev.vigil.sims;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jira Cloud's REST API v3 for one site: basic auth with {@link #EMAIL} and {@link #TOKEN}, projects SEC and OPS,
 * issue types Task, Bug and Sub-task, a To Do → In Progress → Done workflow, comments, assignees and JQL search
 * ({@code project = KEY} only). Answers in Jira's shapes: 201 {@code {id, key, self}} on create, 204 on edits,
 * {@code {errorMessages, errors}} on 400/404, plain text on 401, 429 with {@code Retry-After}.
 */
public final class JiraSim extends Simulator {

    public static final String EMAIL = "soc-bot@example.com";
    public static final String TOKEN = "ATATT3xFfGF0-jira-token-123456";

    static final String CREATED = "2024-05-01T10:00:00.000+0000";
    static final String UPDATED = "2024-05-01T11:30:00.000+0000";

    private static final Map<String, String> PROJECTS = Map.of("SEC", "10000", "OPS", "10001");
    private static final List<Map<String, Object>> TYPES = List.of(
            Map.of("id", "10003", "name", "Sub-task", "subtask", true),
            Map.of("id", "10001", "name", "Task", "subtask", false),
            Map.of("id", "10002", "name", "Bug", "subtask", false));
    private static final Map<String, List<List<String>>> WORKFLOW = Map.of(
            "To Do", List.of(List.of("11", "Start Progress", "In Progress"), List.of("31", "Done", "Done")),
            "In Progress", List.of(List.of("21", "Stop Progress", "To Do"), List.of("31", "Done", "Done")),
            "Done", List.of(List.of("41", "Reopen", "To Do")));

    private final Map<String, Map<String, Object>> issues = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(10041);
    private final AtomicInteger nextComment = new AtomicInteger(10100);

    public JiraSim() {
        route("GET", "/rest/api/3/myself", this::myself);
        route("POST", "/rest/api/3/issue", this::create);
        route("GET", "/rest/api/3/issue/createmeta/([^/]+)/issuetypes", this::issueTypes);
        route("GET", "/rest/api/3/issue/([^/]+)", this::getIssue);
        route("PUT", "/rest/api/3/issue/([^/]+)", this::edit);
        route("POST", "/rest/api/3/issue/([^/]+)/comment", this::comment);
        route("GET", "/rest/api/3/issue/([^/]+)/transitions", this::transitions);
        route("POST", "/rest/api/3/issue/([^/]+)/transitions", this::transition);
        route("PUT", "/rest/api/3/issue/([^/]+)/assignee", this::assign);
        route("POST", "/rest/api/3/search/jql", this::search);
        route("GET", "/rest/api/3/project/search", (r, m) -> authed(r, () -> Response.json(Map.of(
                "startAt", 0L, "maxResults", 50L, "total", 2L, "isLast", true,
                "values", List.of(project("SEC"), project("OPS"))))));
        route("GET", "/rest/api/3/project/([^/]+)", this::getProject);
        route("GET", "/rest/api/3/user/search", (r, m) -> authed(r, () -> Response.json(List.of(Map.of(
                "accountId", "5b10ac8d82e05b22cc7d4ef5", "accountType", "atlassian",
                "displayName", "Ana Analyst", "emailAddress", "ana@example.com", "active", true)))));
    }

    @Override
    public String name() {
        return "Jira Cloud REST API v3";
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        return Response.json(429, Map.of("errorMessages", List.of("Rate limit exceeded."), "errors", Map.of()))
                .withHeader("Retry-After", String.valueOf(seconds))
                .withHeader("RateLimit-Reason", "jira-quota-based");
    }

    /** An issue as stored (fields included), by key or id; null when there is none. */
    public Map<String, Object> issue(String idOrKey) {
        for (Map<String, Object> issue : issues.values()) {
            if (idOrKey.equals(issue.get("id")) || idOrKey.equals(issue.get("key"))) {
                return issue;
            }
        }
        return null;
    }

    /** Puts an issue in place, in status To Do; returns its key. */
    public String seedIssue(String project, String summary) {
        String id = String.valueOf(nextId.getAndIncrement());
        String key = project + "-" + (issues.size() + 1);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("summary", summary);
        fields.put("project", project(project));
        fields.put("issuetype", TYPES.get(1));
        fields.put("status", Map.of("name", "To Do"));
        fields.put("labels", List.of());
        fields.put("created", CREATED);
        fields.put("updated", CREATED);
        fields.put("comment", new ArrayList<>());
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("id", id);
        issue.put("key", key);
        issue.put("fields", fields);
        issues.put(id, issue);
        return key;
    }

    private Response authed(Request request, java.util.function.Supplier<Response> answer) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.header("authorization"))) {
            return Response.text(401, "Client must be authenticated to access this resource.");
        }
        return answer.get();
    }

    private Response myself(Request request, Matcher path) {
        return authed(request, () -> Response.json(Map.of("accountId", "5b10ac8d82e05b22cc7d4ef0",
                "accountType", "atlassian", "emailAddress", EMAIL, "displayName", "SOC Bot", "active", true,
                "self", url() + "/rest/api/3/user?accountId=5b10ac8d82e05b22cc7d4ef0")));
    }

    @SuppressWarnings("unchecked")
    private Response create(Request request, Matcher path) {
        return authed(request, () -> {
            Map<String, Object> fields = (Map<String, Object>) request.jsonObject().get("fields");
            Map<String, Object> errors = new LinkedHashMap<>();
            String project = fields.get("project") instanceof Map<?, ?> p ? String.valueOf(p.get("key")) : null;
            if (!PROJECTS.containsKey(project)) {
                errors.put("project", "valid project is required");
            }
            Object summary = fields.get("summary");
            if (!(summary instanceof String s) || s.isBlank()) {
                errors.put("summary", "You must specify a summary of the issue.");
            } else if (s.contains("\n")) {
                errors.put("summary", "The summary is invalid because it contains newline characters.");
            }
            Map<String, Object> type = type(fields.get("issuetype"));
            if (type == null) {
                errors.put("issuetype", "Specify an issue type");
            }
            if (fields.containsKey("description") && !(fields.get("description") instanceof Map<?, ?>)) {
                errors.put("description", "Operation value must be an Atlassian Document (see the Atlassian"
                        + " Document Format)");
            }
            if (!errors.isEmpty()) {
                return Response.json(400, Map.of("errorMessages", List.of(), "errors", errors));
            }
            String key = seedIssue(project, String.valueOf(summary));
            Map<String, Object> issue = issue(key);
            Map<String, Object> stored = (Map<String, Object>) issue.get("fields");
            fields.forEach((k, v) -> {
                if (!k.equals("project")) {
                    stored.put(k, v);
                }
            });
            stored.put("issuetype", type);
            return Response.json(201, Map.of("id", issue.get("id"), "key", key,
                    "self", url() + "/rest/api/3/issue/" + issue.get("id")));
        });
    }

    private Map<String, Object> type(Object reference) {
        if (!(reference instanceof Map<?, ?> ref)) {
            return null;
        }
        for (Map<String, Object> type : TYPES) {
            if (type.get("id").equals(ref.get("id")) || type.get("name").equals(ref.get("name"))) {
                return type;
            }
        }
        return null;
    }

    private Response issueTypes(Request request, Matcher path) {
        return authed(request, () -> PROJECTS.containsKey(path.group(1))
                ? Response.json(Map.of("issueTypes", TYPES, "maxResults", 50L, "startAt", 0L, "total", 3L))
                : Response.json(404, Map.of("errorMessages", List.of("No project could be found with key '"
                        + path.group(1) + "'."), "errors", Map.of())));
    }

    private static Response missing() {
        return Response.json(404, Map.of("errorMessages",
                List.of("Issue does not exist or you do not have permission to see it."), "errors", Map.of()));
    }

    @SuppressWarnings("unchecked")
    private Response getIssue(Request request, Matcher path) {
        return authed(request, () -> {
            Map<String, Object> issue = issue(path.group(1));
            if (issue == null) {
                return missing();
            }
            Map<String, Object> out = new LinkedHashMap<>(issue);
            out.put("self", url() + "/rest/api/3/issue/" + issue.get("id"));
            String wanted = request.query().get("fields");
            if (wanted != null) {
                Map<String, Object> some = new LinkedHashMap<>();
                for (String name : wanted.split(",")) {
                    Object value = ((Map<String, Object>) issue.get("fields")).get(name);
                    if (value != null) {
                        some.put(name, value);
                    }
                }
                out.put("fields", some);
            }
            return Response.json(out);
        });
    }

    @SuppressWarnings("unchecked")
    private Response edit(Request request, Matcher path) {
        return authed(request, () -> {
            Map<String, Object> issue = issue(path.group(1));
            if (issue == null) {
                return missing();
            }
            Map<String, Object> fields = (Map<String, Object>) request.jsonObject().get("fields");
            if (fields.containsKey("description") && !(fields.get("description") instanceof Map<?, ?>)) {
                return Response.json(400, Map.of("errorMessages", List.of(), "errors",
                        Map.of("description", "Operation value must be an Atlassian Document")));
            }
            Map<String, Object> stored = (Map<String, Object>) issue.get("fields");
            stored.putAll(fields);
            stored.put("updated", UPDATED);
            return Response.empty(204);
        });
    }

    @SuppressWarnings("unchecked")
    private Response comment(Request request, Matcher path) {
        return authed(request, () -> {
            Map<String, Object> issue = issue(path.group(1));
            if (issue == null) {
                return missing();
            }
            Object body = request.jsonObject().get("body");
            if (!(body instanceof Map<?, ?>)) {
                return Response.json(400, Map.of("errorMessages", List.of("Comment body is not valid!"),
                        "errors", Map.of()));
            }
            String id = String.valueOf(nextComment.getAndIncrement());
            Map<String, Object> comment = new LinkedHashMap<>();
            comment.put("self", url() + "/rest/api/3/issue/" + issue.get("id") + "/comment/" + id);
            comment.put("id", id);
            comment.put("author", Map.of("accountId", "5b10ac8d82e05b22cc7d4ef0", "displayName", "SOC Bot"));
            comment.put("body", body);
            comment.put("created", UPDATED);
            comment.put("updated", UPDATED);
            ((List<Object>) ((Map<String, Object>) issue.get("fields")).get("comment")).add(comment);
            return Response.json(201, comment);
        });
    }

    private static String status(Map<String, Object> issue) {
        return String.valueOf(((Map<?, ?>) ((Map<?, ?>) issue.get("fields")).get("status")).get("name"));
    }

    private Response transitions(Request request, Matcher path) {
        return authed(request, () -> {
            Map<String, Object> issue = issue(path.group(1));
            if (issue == null) {
                return missing();
            }
            List<Object> out = new ArrayList<>();
            for (List<String> t : WORKFLOW.get(status(issue))) {
                out.add(Map.of("id", t.get(0), "name", t.get(1), "hasScreen", false,
                        "to", Map.of("name", t.get(2), "statusCategory", Map.of("key", "indeterminate"))));
            }
            return Response.json(Map.of("expand", "transitions", "transitions", out));
        });
    }

    @SuppressWarnings("unchecked")
    private Response transition(Request request, Matcher path) {
        return authed(request, () -> {
            Map<String, Object> issue = issue(path.group(1));
            if (issue == null) {
                return missing();
            }
            Object id = ((Map<String, Object>) request.jsonObject().get("transition")).get("id");
            for (List<String> t : WORKFLOW.get(status(issue))) {
                if (t.get(0).equals(id)) {
                    ((Map<String, Object>) issue.get("fields")).put("status", Map.of("name", t.get(2)));
                    return Response.empty(204);
                }
            }
            return Response.json(400, Map.of("errorMessages",
                    List.of("Transition id '" + id + "' is not valid for this issue."), "errors", Map.of()));
        });
    }

    @SuppressWarnings("unchecked")
    private Response assign(Request request, Matcher path) {
        return authed(request, () -> {
            Map<String, Object> issue = issue(path.group(1));
            if (issue == null) {
                return missing();
            }
            Object account = request.jsonObject().get("accountId");
            ((Map<String, Object>) issue.get("fields")).put("assignee",
                    account == null ? null : Map.of("accountId", account));
            return Response.empty(204);
        });
    }

    @SuppressWarnings("unchecked")
    private Response search(Request request, Matcher path) {
        return authed(request, () -> {
            String jql = String.valueOf(request.jsonObject().get("jql"));
            Matcher project = Pattern.compile("project\\s*=\\s*\"?(\\w+)\"?").matcher(jql);
            if (!project.find()) {
                return Response.json(400, Map.of("errorMessages", List.of("Error in the JQL Query: the simulator"
                        + " understands only project = KEY (at character 1)"), "errors", Map.of()));
            }
            List<Object> found = new ArrayList<>();
            List<Object> wanted = (List<Object>) request.jsonObject().getOrDefault("fields", List.of());
            for (Map<String, Object> issue : issues.values()) {
                Map<String, Object> fields = (Map<String, Object>) issue.get("fields");
                if (project.group(1).equals(((Map<?, ?>) fields.get("project")).get("key"))) {
                    Map<String, Object> hit = new LinkedHashMap<>();
                    hit.put("id", issue.get("id"));
                    hit.put("key", issue.get("key"));
                    hit.put("self", url() + "/rest/api/3/issue/" + issue.get("id"));
                    if (!wanted.isEmpty()) {
                        hit.put("fields", Map.of("summary", fields.get("summary"), "status", fields.get("status")));
                    }
                    found.add(hit);
                }
            }
            return Response.json(Map.of("issues", found, "isLast", true));
        });
    }

    private Response getProject(Request request, Matcher path) {
        return authed(request, () -> {
            for (Map.Entry<String, String> p : PROJECTS.entrySet()) {
                if (p.getKey().equals(path.group(1)) || p.getValue().equals(path.group(1))) {
                    return Response.json(project(p.getKey()));
                }
            }
            return Response.json(404, Map.of("errorMessages", List.of("No project could be found with key '"
                    + path.group(1) + "'."), "errors", Map.of()));
        });
    }

    private Map<String, Object> project(String key) {
        return Map.of("id", PROJECTS.get(key), "key", key, "name", key.equals("SEC") ? "Security" : "Operations",
                "projectTypeKey", "software", "self", url() + "/rest/api/3/project/" + PROJECTS.get(key));
    }
}
