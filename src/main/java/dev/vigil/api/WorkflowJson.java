package dev.vigil.api;

import dev.vigil.parse.Problem;
import dev.vigil.workflows.Draft;
import dev.vigil.workflows.WorkflowVersion;
import dev.vigil.workflows.WorkflowView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Workflows as the API shows them: Kibana's fields ({@code id, name, description, enabled, createdAt, createdBy,
 * lastUpdatedAt, lastUpdatedBy, definition, yaml, valid}) plus the lifecycle Kibana does not have ({@code state},
 * {@code activeVersion}, {@code draft}). {@code yaml} is what runs (the active version), else the draft.
 */
final class WorkflowJson {

    private WorkflowJson() {
    }

    static Map<String, Object> detail(WorkflowView w, String activeYaml) {
        Map<String, Object> json = summary(w);
        String yaml = activeYaml != null ? activeYaml : w.draft() != null ? w.draft().source() : null;
        json.put("yaml", yaml);
        json.put("definition", definition(yaml));
        json.put("draft", draft(w.draft()));
        return json;
    }

    static Map<String, Object> summary(WorkflowView w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", w.id());
        json.put("name", w.name());
        json.put("description", w.description());
        json.put("tags", w.tags());
        json.put("enabled", w.enabled());
        json.put("state", w.state().name().toLowerCase());
        json.put("activeVersion", w.activeVersion());
        json.put("hasDraft", w.draft() != null);
        json.put("valid", w.valid());
        json.put("validationErrors", messages(w.problems()));
        json.put("createdAt", text(w.createdAt()));
        json.put("createdBy", w.createdBy());
        json.put("lastUpdatedAt", text(w.updatedAt()));
        json.put("lastUpdatedBy", w.updatedBy());
        return json;
    }

    static Map<String, Object> draft(Draft draft) {
        if (draft == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("yaml", draft.source());
        json.put("basedOnVersion", draft.basedOn());
        json.put("valid", draft.valid());
        json.put("problems", problems(draft.problems()));
        json.put("createdAt", text(draft.createdAt()));
        json.put("createdBy", draft.createdBy());
        json.put("updatedAt", text(draft.updatedAt()));
        json.put("updatedBy", draft.updatedBy());
        return json;
    }

    static Map<String, Object> version(WorkflowVersion v, boolean withYaml) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", v.number());
        json.put("createdAt", text(v.createdAt()));
        json.put("createdBy", v.createdBy());
        json.put("activatedAt", text(v.activatedAt()));
        json.put("activatedBy", v.activatedBy());
        json.put("replacedAt", text(v.replacedAt()));
        if (withYaml) {
            json.put("yaml", v.source());
        }
        return json;
    }

    static List<Map<String, Object>> problems(List<Problem> problems) {
        return problems.stream().map(p -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("code", p.code());
            json.put("path", p.path());
            json.put("line", p.position().line());
            json.put("column", p.position().column());
            json.put("message", p.message());
            return json;
        }).toList();
    }

    static List<String> messages(List<Problem> problems) {
        return problems.stream().map(p -> p.format("").replaceFirst("^:", "")).toList();
    }

    /** The YAML as JSON, as Kibana's {@code definition}; null when it does not even parse. */
    private static Object definition(String yaml) {
        if (yaml == null) {
            return null;
        }
        try {
            return new Load(LoadSettings.builder().build()).loadFromString(yaml);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
