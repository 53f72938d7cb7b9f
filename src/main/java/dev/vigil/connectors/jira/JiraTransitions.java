package dev.vigil.connectors.jira;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Moving an issue through its workflow. Jira wants a transition id, which differs per project and workflow, so
 * {@code transitionIssue} looks the issue's available transitions up and takes an id, a transition name ("Start
 * Progress") or the name of the status it leads to ("Done"), in that order, ignoring case.
 */
final class JiraTransitions {

    private JiraTransitions() {
    }

    /** {@code getTransitions}: Jira's {@code {transitions: [{id, name, to}]}} for the issue. */
    static Object list(ConnectorCall call) throws StepFailure {
        return new JiraApi(call).get(JiraApi.issue(call.requiredAny(JiraIssues.ISSUE)) + "/transitions", null).data();
    }

    /**
     * {@code transitionIssue}: {@code transition} (or {@code transitionId}) picked as the class comment says;
     * optional {@code comment} and {@code fields} (a resolution, say) travel with it.
     */
    static Object transition(ConnectorCall call) throws StepFailure {
        String issue = call.requiredAny(JiraIssues.ISSUE);
        String wanted = call.requiredAny("transition", "transitionId", "transitionName", "status");
        JiraApi api = new JiraApi(call);
        List<Map<?, ?>> available = available(api, issue);
        Map<?, ?> chosen = pick(available, wanted);
        if (chosen == null) {
            throw call.failure("transition '" + wanted + "' is not available for issue " + issue + "; available: "
                    + describe(available));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("transition", Map.of("id", String.valueOf(chosen.get("id"))));
        if (call.map("fields") != null) {
            body.put("fields", call.map("fields"));
        }
        if (call.param("comment") != null) {
            body.put("update", Map.of("comment", List.of(Map.of("add", Map.of("body", Adf.of(call.param("comment")))))));
        }
        api.send("POST", JiraApi.issue(issue) + "/transitions", body);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("transitioned", true);
        out.put("issueId", issue);
        out.put("transitionId", String.valueOf(chosen.get("id")));
        out.put("transition", chosen.get("name"));
        if (chosen.get("to") instanceof Map<?, ?> to && to.get("name") != null) {
            out.put("status", to.get("name"));
        }
        return out;
    }

    private static List<Map<?, ?>> available(JiraApi api, String issue) throws StepFailure {
        List<Map<?, ?>> out = new ArrayList<>();
        if (api.get(JiraApi.issue(issue) + "/transitions", null).object().get("transitions") instanceof List<?> list) {
            for (Object t : list) {
                if (t instanceof Map<?, ?> m && m.get("id") != null) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    static Map<?, ?> pick(List<Map<?, ?>> available, String wanted) {
        String key = wanted.strip().toLowerCase(Locale.ROOT);
        for (Map<?, ?> t : available) {
            if (String.valueOf(t.get("id")).equals(wanted.strip())) {
                return t;
            }
        }
        for (Map<?, ?> t : available) {
            if (t.get("name") != null && String.valueOf(t.get("name")).toLowerCase(Locale.ROOT).equals(key)) {
                return t;
            }
        }
        for (Map<?, ?> t : available) {
            if (t.get("to") instanceof Map<?, ?> to && to.get("name") != null
                    && String.valueOf(to.get("name")).toLowerCase(Locale.ROOT).equals(key)) {
                return t;
            }
        }
        return null;
    }

    private static String describe(List<Map<?, ?>> available) {
        if (available.isEmpty()) {
            return "none (the issue's workflow offers no transition to this account)";
        }
        List<String> names = new ArrayList<>();
        for (Map<?, ?> t : available) {
            String to = t.get("to") instanceof Map<?, ?> m && m.get("name") != null ? " → " + m.get("name") : "";
            names.add("'" + t.get("name") + "' (id " + t.get("id") + to + ")");
        }
        return String.join(", ", names);
    }
}
