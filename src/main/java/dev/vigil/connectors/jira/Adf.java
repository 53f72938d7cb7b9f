package dev.vigil.connectors.jira;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Atlassian Document Format, the only form Jira Cloud's REST API v3 takes for rich-text fields (description,
 * comment bodies): plain text becomes a document with one paragraph per line. A workflow that already holds an
 * ADF document (a map) passes it through unchanged.
 */
final class Adf {

    private Adf() {
    }

    /** Text as an ADF document; a map is taken to be ADF already; null stays null. */
    static Object of(Object value) {
        return switch (value) {
            case null -> null;
            case Map<?, ?> document -> document;
            default -> text(String.valueOf(value));
        };
    }

    static Map<String, Object> text(String text) {
        List<Object> paragraphs = new ArrayList<>();
        for (String line : text.split("\\r?\\n", -1)) {
            Map<String, Object> paragraph = new LinkedHashMap<>();
            paragraph.put("type", "paragraph");
            // an empty line is an empty paragraph: a text node with "" is invalid ADF and Jira answers 400
            paragraph.put("content", line.isEmpty() ? List.of() : List.of(Map.of("type", "text", "text", line)));
            paragraphs.add(paragraph);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", "doc");
        document.put("version", 1L);
        document.put("content", paragraphs);
        return document;
    }
}
