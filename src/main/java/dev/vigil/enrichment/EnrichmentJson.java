package dev.vigil.enrichment;

import dev.vigil.investigations.InvestigationEvents;
import java.util.LinkedHashMap;
import java.util.Map;

/** Enrichments as the API answers with them. */
public final class EnrichmentJson {

    private EnrichmentJson() {
    }

    public static Map<String, Object> toValue(Enrichment e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("indicator", InvestigationEvents.indicator(e.indicator()));
        json.put("workflowId", e.workflowId());
        json.put("workflowVersion", e.workflowVersion());
        json.put("executionId", e.executionId());
        json.put("status", e.status());
        json.put("output", e.output());
        json.put("at", e.at() == null ? null : e.at().toString());
        json.put("lookedUpAt", e.lookedUpAt() == null ? null : e.lookedUpAt().toString());
        json.put("cached", e.cached());
        return json;
    }
}
