package dev.vigil.cases;


import dev.vigil.engine.Ids;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The case operations, for the {@code cases.*} steps and the API alike. Every change reads the case, applies
 * itself and writes it back only if nobody else wrote in between (the store's version check). A caller that
 * names the version it read gets {@link CaseConflict} when it is stale; a caller that names none has its change
 * applied on top of whatever is current, retried when a concurrent writer got in first.
 */
public final class CaseService {

    private static final int RETRIES = 5;

    private final CaseStore store;
    private final InstantSource clock;

    public CaseService(CaseStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    public Case create(NewCase draft, String actor) {
        Instant now = clock.instant();
        Case created = new Case(Ids.next(now.toEpochMilli()), draft.title(), draft.description(), CaseStatus.OPEN,
                draft.severity(), draft.owner(), Case.union(List.of(), draft.tags()),
                Case.union(List.of(), draft.assignees()), List.of(), List.of(), List.of(), 1, now, actor, now, actor);
        store.insert(created);
        return created;
    }

    public Case get(String id) {
        return store.find(id).orElseThrow(() -> new CaseNotFound(id));
    }

    public CasePage find(CaseQuery query) {
        return store.search(query);
    }

    public List<Case> byAlertId(String alertId) {
        Case.require(alertId, "alertId");
        return store.byAlertId(alertId);
    }

    public Case update(String id, Integer version, CaseChanges changes, String actor) {
        return change(id, version, actor, changes::applyTo);
    }

    public Case close(String id, Integer version, String actor) {
        return update(id, version, CaseChanges.status(CaseStatus.CLOSED), actor);
    }

    public Case addComment(String id, Integer version, String comment, String actor) {
        Case.require(comment, "comment");
        return change(id, version, actor, c -> {
            List<Case.Comment> comments = new ArrayList<>(c.comments());
            comments.add(new Case.Comment(Ids.next(clock.instant().toEpochMilli()), comment, actor, clock.instant()));
            return with(c, c.tags(), c.assignees(), c.alerts(), c.observables(), comments);
        });
    }

    /** Alerts already attached (same alert id and index) are not attached twice. */
    public Case addAlerts(String id, Integer version, List<Case.Alert> alerts, String actor) {
        nonEmpty(alerts, "alerts");
        return change(id, version, actor, c -> {
            List<Case.Alert> all = new ArrayList<>(c.alerts());
            for (Case.Alert alert : alerts) {
                if (all.stream().noneMatch(a -> a.alertId().equals(alert.alertId()) && a.index().equals(alert.index()))) {
                    all.add(alert);
                }
            }
            return with(c, c.tags(), c.assignees(), all, c.observables(), c.comments());
        });
    }

    public Case addObservables(String id, Integer version, List<Case.Observable> observables, String actor) {
        nonEmpty(observables, "observables");
        return change(id, version, actor, c -> with(c, c.tags(), c.assignees(), c.alerts(),
                Case.union(c.observables(), observables), c.comments()));
    }

    public Case addTags(String id, Integer version, List<String> tags, String actor) {
        nonEmpty(tags, "tags");
        return change(id, version, actor, c -> with(c, Case.union(c.tags(), tags), c.assignees(), c.alerts(),
                c.observables(), c.comments()));
    }

    /** Adds the user ids to the assignees. */
    public Case assign(String id, Integer version, List<String> uids, String actor) {
        nonEmpty(uids, "assignees");
        uids.forEach(uid -> Case.require(uid, "assignees[].uid"));
        return change(id, version, actor, c -> with(c, c.tags(), Case.union(c.assignees(), uids), c.alerts(),
                c.observables(), c.comments()));
    }

    private Case change(String id, Integer expected, String actor, UnaryOperator<Case> edit) {
        for (int attempt = 0; ; attempt++) {
            Case current = get(id);
            if (expected != null && expected != current.version()) {
                throw new CaseConflict(id, expected, current.version());
            }
            Case edited = edit.apply(current);
            Case next = new Case(id, edited.title(), edited.description(), edited.status(), edited.severity(),
                    edited.owner(), edited.tags(), edited.assignees(), edited.alerts(), edited.observables(),
                    edited.comments(), current.version() + 1, current.createdAt(), current.createdBy(), clock.instant(),
                    actor);
            if (store.update(next, current.version())) {
                return next;
            }
            // someone wrote between our read and our write
            if (expected != null || attempt == RETRIES) {
                int now = store.find(id).map(Case::version).orElseThrow(() -> new CaseNotFound(id));
                throw new CaseConflict(id, current.version(), now);
            }
        }
    }

    private static Case with(Case c, List<String> tags, List<String> assignees, List<Case.Alert> alerts,
                             List<Case.Observable> observables, List<Case.Comment> comments) {
        return new Case(c.id(), c.title(), c.description(), c.status(), c.severity(), c.owner(), tags, assignees,
                alerts, observables, comments, c.version(), c.createdAt(), c.createdBy(), c.updatedAt(), c.updatedBy());
    }

    private static void nonEmpty(List<?> values, String field) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' must name at least one item");
        }
    }
}
