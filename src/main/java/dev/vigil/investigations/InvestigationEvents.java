package dev.vigil.investigations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code event} of the runs an investigation starts. One place, so that "take action", the investigation trigger
 * and the indicator trigger give workflows the investigation in the same shape.
 */
public final class InvestigationEvents {

    private InvestigationEvents() {
    }

    /** {@code {investigation, alerts}}: take action and the investigation trigger. */
    public static Map<String, Object> of(Investigation investigation, List<Object> alertDocuments) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("investigation", InvestigationJson.toValue(investigation));
        event.put("alerts", alertDocuments);
        return event;
    }

    /** {@code {indicator: {type, value}, investigation}}: the indicator trigger. */
    public static Map<String, Object> indicator(Investigation investigation, Investigation.Indicator indicator) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("indicator", indicator(indicator));
        event.put("investigation", InvestigationJson.toValue(investigation));
        return event;
    }

    /** {@code {type, value}}, in that order. */
    public static Map<String, Object> indicator(Investigation.Indicator indicator) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", indicator.type());
        json.put("value", indicator.value());
        return json;
    }
}
