package dev.vigil.connectors.elastic;

import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code security.*} alert triage steps of Elastic Security 9.5+ ({@code setAlertStatus}, {@code setAlertTags},
 * {@code assignAlert}): typed forms of the detection-engine signals APIs that {@code kibana.SetAlertsStatus} and
 * {@code kibana.SetAlertTags} reach. {@code alert_ids} is one id or a list; the output is Kibana's
 * {@code {success: true, message}}.
 */
final class SecurityAlertActions {

    static final Set<String> ACTIONS = Set.of("setAlertStatus", "setAlertTags", "assignAlert");
    private static final Set<String> STATUSES = Set.of("open", "acknowledged", "closed");

    private SecurityAlertActions() {
    }

    static boolean handles(String action) {
        return ACTIONS.contains(action);
    }

    static ApiRequest build(String action, Map<String, Object> with, String space) throws StepFailure {
        String stepType = "security." + action;
        List<String> ids = ElasticParams.strings(stepType, with, "alert_ids");
        if (ids.isEmpty()) {
            throw ElasticParams.failure(stepType, "with.alert_ids is required (one alert id or a list)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        String path = switch (action) {
            case "setAlertStatus" -> {
                String status = ElasticParams.requiredText(stepType, with, "status");
                if (!STATUSES.contains(status)) {
                    throw ElasticParams.failure(stepType, "with.status must be open, acknowledged or closed, got '"
                            + status + "'");
                }
                Object reason = with.get("close_reason") != null ? with.get("close_reason") : with.get("reason");
                if (reason != null && !status.equals("closed")) {
                    throw ElasticParams.failure(stepType, "with.close_reason is only valid with status: closed");
                }
                body.put("signal_ids", ids);
                body.put("status", status);
                if (reason != null) {
                    body.put("reason", String.valueOf(reason));
                }
                yield "/api/detection_engine/signals/status";
            }
            case "setAlertTags" -> {
                Map<String, Object> tags = addRemove(stepType, with, "tags_to_add", "tags_to_remove",
                        "tags_to_add", "tags_to_remove");
                body.put("ids", ids);
                body.put("tags", tags);
                yield "/api/detection_engine/signals/tags";
            }
            case "assignAlert" -> {
                Map<String, Object> assignees = addRemove(stepType, with, "assignees_to_add", "assignees_to_remove",
                        "add", "remove");
                body.put("ids", ids);
                body.put("assignees", assignees);
                yield "/api/detection_engine/signals/assignees";
            }
            default -> throw ElasticParams.failure(stepType, "not a security alert action");
        };
        return KibanaRequests.request("POST", path, Map.of(), Map.of(), new ApiRequest.Body.JsonValue(body), space);
    }

    /** The step's output once Kibana has answered 2xx. */
    static Map<String, Object> output(String action, Map<String, Object> with) throws StepFailure {
        String stepType = "security." + action;
        int count = ElasticParams.strings(stepType, with, "alert_ids").size();
        String message = switch (action) {
            case "setAlertStatus" -> "Successfully updated status to " + with.get("status") + " for " + count
                    + " alert(s)";
            case "setAlertTags" -> "Successfully updated tags for " + count + " alert(s)";
            default -> "Successfully updated assignees for " + count + " alert(s)";
        };
        return Map.of("success", true, "message", message);
    }

    private static Map<String, Object> addRemove(String stepType, Map<String, Object> with, String add, String remove,
                                                 String addKey, String removeKey) throws StepFailure {
        List<String> toAdd = ElasticParams.strings(stepType, with, add);
        List<String> toRemove = ElasticParams.strings(stepType, with, remove);
        if (with.get(add) == null && with.get(remove) == null) {
            throw ElasticParams.failure(stepType, "give with." + add + " or with." + remove + " (or both)");
        }
        List<String> both = toAdd.stream().filter(toRemove::contains).toList();
        if (!both.isEmpty()) {
            throw ElasticParams.failure(stepType, both + " is in both with." + add + " and with." + remove);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(addKey, toAdd);
        out.put(removeKey, toRemove);
        return out;
    }
}
