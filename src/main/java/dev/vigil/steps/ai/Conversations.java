package dev.vigil.steps.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages of {@code ai.agent} conversations, in memory, so that a later step (or a later run) can go on with
 * a {@code conversation_id}. Bounded on purpose: the most recently used {@link #MAX_CONVERSATIONS}, each keeping
 * its latest messages up to {@link #MAX_CHARACTERS} of text. They are lost when the process ends; a step naming a
 * conversation that is gone starts it afresh under the same id (and logs that).
 */
final class Conversations {

    static final int MAX_CONVERSATIONS = 200;
    static final int MAX_CHARACTERS = 200_000;

    private final Map<String, List<Map<String, Object>>> byId = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Map<String, Object>>> eldest) {
            return size() > MAX_CONVERSATIONS;
        }
    };

    /** The conversation's messages so far, or null when it is not (or no longer) known. */
    synchronized List<Map<String, Object>> history(String id) {
        List<Map<String, Object>> messages = byId.get(id);
        return messages == null ? null : List.copyOf(messages);
    }

    /** Adds one exchange (the user's message and the answer), dropping the oldest exchanges over the limit. */
    synchronized void add(String id, Map<String, Object> question, Map<String, Object> answer) {
        List<Map<String, Object>> messages = new ArrayList<>(byId.getOrDefault(id, List.of()));
        messages.add(question);
        messages.add(answer);
        while (messages.size() > 2 && characters(messages) > MAX_CHARACTERS) {
            messages.subList(0, 2).clear();
        }
        byId.put(id, messages);
    }

    private static long characters(List<Map<String, Object>> messages) {
        return messages.stream().mapToLong(m -> String.valueOf(m.get("content")).length()).sum();
    }
}
