package dev.vigil.alert;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The shape an alert came in, stored with it: Elastic's alert documents, or any other JSON. */
public enum AlertSource {
    /** Documents with {@code kibana.alert.*} fields, as a Kibana rule's "Run workflow" action sends them. */
    ELASTIC,
    GENERIC;

    /** @param event an event as {@link AlertEvents#from} builds it (alert documents already nested) */
    public static AlertSource of(Map<String, Object> event) {
        if (event.get("alerts") instanceof List<?> alerts) {
            for (Object alert : alerts) {
                if (AlertFields.path(alert, "kibana", "alert") instanceof Map<?, ?>) {
                    return ELASTIC;
                }
            }
        }
        return GENERIC;
    }

    /** As stored: {@code elastic}, {@code generic}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
