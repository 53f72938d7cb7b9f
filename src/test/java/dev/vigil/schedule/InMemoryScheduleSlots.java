package dev.vigil.schedule;

import dev.vigil.store.ScheduleSlots;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** ScheduleSlots in memory: a claim is a putIfAbsent, so one caller wins each (workflow, slot), like a unique key. */
final class InMemoryScheduleSlots implements ScheduleSlots {

    private final Map<String, NavigableMap<Instant, String>> claims = new ConcurrentHashMap<>();

    @Override
    public boolean claimSlot(String workflowId, Instant slot, String nodeId) {
        NavigableMap<Instant, String> slots = claims.computeIfAbsent(workflowId, id -> new ConcurrentSkipListMap<>());
        return slots.putIfAbsent(slot, nodeId) == null;
    }

    @Override
    public Optional<Instant> lastSlot(String workflowId) {
        NavigableMap<Instant, String> slots = claims.get(workflowId);
        return slots == null || slots.isEmpty() ? Optional.empty() : Optional.of(slots.lastKey());
    }

    /** The claimed slots of a workflow with the node that claimed each, in slot order. */
    NavigableMap<Instant, String> claims(String workflowId) {
        return claims.getOrDefault(workflowId, new ConcurrentSkipListMap<>());
    }
}
