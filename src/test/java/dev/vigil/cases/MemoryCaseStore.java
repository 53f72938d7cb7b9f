package dev.vigil.cases;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Cases in a map, for engine tests that need the {@code cases.*} steps without a database. */
public final class MemoryCaseStore implements CaseStore {

    private final Map<String, Case> cases = new ConcurrentHashMap<>();

    @Override
    public void insert(Case created) {
        cases.put(created.id(), created);
    }

    @Override
    public Optional<Case> find(String id) {
        return Optional.ofNullable(cases.get(id));
    }

    @Override
    public synchronized boolean update(Case changed, int expectedVersion) {
        Case current = cases.get(changed.id());
        if (current == null || current.version() != expectedVersion) {
            return false;
        }
        cases.put(changed.id(), changed);
        return true;
    }

    @Override
    public CasePage search(CaseQuery query) {
        List<Case> all = newestFirst().filter(c -> query.status() == null || c.status() == query.status())
                .filter(c -> query.tag() == null || c.tags().contains(query.tag()))
                .filter(c -> query.alertId() == null || holds(c, query.alertId())).toList();
        return new CasePage(all.stream().skip((long) (query.page() - 1) * query.size()).limit(query.size()).toList(),
                query.page(), query.size(), all.size());
    }

    @Override
    public List<Case> byAlertId(String alertId) {
        return newestFirst().filter(c -> holds(c, alertId)).toList();
    }

    private Stream<Case> newestFirst() {
        return cases.values().stream().sorted(Comparator.comparing(Case::id).reversed());
    }

    private static boolean holds(Case c, String alertId) {
        return c.alerts().stream().anyMatch(a -> a.alertId().equals(alertId));
    }
}
