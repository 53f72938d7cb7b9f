package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.cases.Case;
import dev.vigil.cases.CaseChanges;
import dev.vigil.cases.CaseConflict;
import dev.vigil.cases.CaseNotFound;
import dev.vigil.cases.CasePage;
import dev.vigil.cases.CaseQuery;
import dev.vigil.cases.CaseService;
import dev.vigil.cases.CaseSeverity;
import dev.vigil.cases.CaseStatus;
import dev.vigil.cases.NewCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cases on {@link JdbcCaseStore} through {@link CaseService}, run against every database; subclasses give it. */
abstract class CaseStoreContract {

    private final List<JdbcJobStore> opened = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-23T10:00:00Z");

    abstract String url();

    String user() {
        return null;
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcJobStore::close);
        opened.clear();
    }

    private CaseService open() {
        JdbcJobStore jobs = JdbcJobStore.open(url(), user(), null);
        opened.add(jobs);
        return new CaseService(new JdbcCaseStore(jobs), () -> now = now.plusMillis(1));
    }

    private static NewCase draft(String title, String... tags) {
        return new NewCase(title, "seen on host-1", null, CaseSeverity.HIGH, List.of(tags), List.of());
    }

    @Test
    void aCreatedCaseReadsBackWholeAtVersionOne() {
        CaseService cases = open();
        Case created = cases.create(draft("Phishing", "phishing"), "apikey:admin");
        Case read = cases.get(created.id());
        assertThat(read).isEqualTo(created);
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(read.owner()).isEqualTo("cases");
    }

    @Test
    void everyChangeMovesTheVersionOnAndIsKept() {
        CaseService cases = open();
        Case c = cases.create(draft("Phishing"), "alice");
        c = cases.addComment(c.id(), 1, "looking at it", "alice");
        c = cases.addAlerts(c.id(), null, List.of(new Case.Alert("a-1", ".alerts", new Case.Rule("r1", "Rule 1"))),
                "bob");
        c = cases.addObservables(c.id(), 3, List.of(new Case.Observable("ipv4", "10.0.0.1", null)), "bob");
        c = cases.assign(c.id(), null, List.of("u1", "u1"), "bob");
        c = cases.close(c.id(), 5, "alice");
        Case read = cases.get(c.id());
        assertThat(read).isEqualTo(c);
        assertThat(read.version()).isEqualTo(6);
        assertThat(read.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(read.comments()).extracting(Case.Comment::comment).containsExactly("looking at it");
        assertThat(read.alerts().getFirst().rule().name()).isEqualTo("Rule 1");
        assertThat(read.assignees()).containsExactly("u1");
        assertThat(read.updatedBy()).isEqualTo("alice");
        assertThat(read.createdBy()).isEqualTo("alice");
    }

    @Test
    void aStaleVersionIsAConflictNamingTheCurrentOne() {
        CaseService cases = open();
        Case c = cases.create(draft("Phishing"), "alice");
        cases.update(c.id(), 1, new CaseChanges("Phishing wave", null, CaseStatus.IN_PROGRESS, null, null), "alice");
        assertThatThrownBy(() -> cases.addComment(c.id(), 1, "late", "bob"))
                .isInstanceOfSatisfying(CaseConflict.class, e -> assertThat(e.currentVersion()).isEqualTo(2));
        assertThat(cases.get(c.id()).comments()).isEmpty();
    }

    @Test
    void theStoreRefusesAWriteAtAVersionThatMovedOn() {
        JdbcJobStore jobs = JdbcJobStore.open(url(), user(), null);
        opened.add(jobs);
        JdbcCaseStore store = new JdbcCaseStore(jobs);
        Case c = new CaseService(store, () -> now).create(draft("Phishing"), "alice");
        Case next = new Case(c.id(), "v2", c.description(), c.status(), c.severity(), c.owner(), c.tags(),
                c.assignees(), c.alerts(), c.observables(), c.comments(), 2, c.createdAt(), c.createdBy(), now, "bob");
        assertThat(store.update(next, 1)).isTrue();
        assertThat(store.update(next, 1)).as("a second writer that read version 1").isFalse();
    }

    @Test
    void anUnknownCaseIsNotFound() {
        CaseService cases = open();
        assertThatThrownBy(() -> cases.get("nope")).isInstanceOf(CaseNotFound.class);
        assertThatThrownBy(() -> cases.addTags("nope", null, List.of("x"), "a")).isInstanceOf(CaseNotFound.class);
    }

    @Test
    void casesAreFoundByAlertIdTagAndStatusNewestFirst() {
        CaseService cases = open();
        Case first = cases.create(draft("one", "phishing"), "a");
        Case second = cases.create(draft("two", "malware"), "a");
        Case third = cases.create(draft("three", "phishing"), "a");
        cases.addAlerts(first.id(), null, List.of(new Case.Alert("alert-1", ".alerts", null)), "a");
        cases.addAlerts(third.id(), null, List.of(new Case.Alert("alert-1", ".alerts", null)), "a");
        cases.close(second.id(), null, "a");

        assertThat(cases.byAlertId("alert-1")).extracting(Case::id).containsExactly(third.id(), first.id());
        CasePage phishing = cases.find(new CaseQuery(null, "phishing", null, 1, 1));
        assertThat(phishing.total()).isEqualTo(2);
        assertThat(phishing.cases()).extracting(Case::id).containsExactly(third.id());
        assertThat(cases.find(new CaseQuery(null, "phishing", null, 2, 1)).cases()).extracting(Case::id)
                .containsExactly(first.id());
        assertThat(cases.find(new CaseQuery(CaseStatus.CLOSED, null, null, 1, 20)).cases()).extracting(Case::id)
                .containsExactly(second.id());
        assertThat(cases.find(new CaseQuery(null, null, "alert-1", 1, 20)).total()).isEqualTo(2);
        cases.update(third.id(), null, new CaseChanges(null, null, null, null, List.of("done")), "a");
        assertThat(cases.find(new CaseQuery(null, "phishing", null, 1, 20)).total()).as("tags replaced")
                .isEqualTo(1);
    }
}
