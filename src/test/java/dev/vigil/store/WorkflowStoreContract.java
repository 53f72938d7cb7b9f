package dev.vigil.store;

import static dev.vigil.store.WorkflowFixtures.invalid;
import static dev.vigil.store.WorkflowFixtures.yaml;
import static dev.vigil.workflows.WorkflowAction.*;
import static dev.vigil.workflows.WorkflowState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.engine.ManualClock;
import dev.vigil.parse.WorkflowParser;
import dev.vigil.workflows.ExportedWorkflow;
import dev.vigil.workflows.WorkflowAction;
import dev.vigil.workflows.WorkflowConflict;
import dev.vigil.workflows.WorkflowInvalid;
import dev.vigil.workflows.WorkflowManager;
import dev.vigil.workflows.WorkflowNameTaken;
import dev.vigil.workflows.WorkflowNotFound;
import dev.vigil.workflows.WorkflowPage;
import dev.vigil.workflows.WorkflowQuery;
import dev.vigil.workflows.WorkflowState;
import dev.vigil.workflows.WorkflowVersion;
import dev.vigil.workflows.WorkflowView;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The workflow manager over {@link JdbcWorkflowStore}, run against every database: subclasses give the database.
 * Each test starts from empty workflow tables and a clock at 10:00 that moves a minute per step it cares about.
 */
abstract class WorkflowStoreContract {

    private static final WorkflowParser PARSER = Vigil.standard().parser();
    private static final String[] TABLES = {"workflow_drafts", "workflow_versions", "workflow_tags", "workflows"};

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    private JdbcJobStore jobs;
    private WorkflowManager manager;

    /** The JDBC URL of this test's database. */
    abstract String url();

    /** The database user, or null. */
    String user() {
        return null;
    }

    @BeforeEach
    void openOnEmptyTables() throws SQLException {
        jobs = JdbcJobStore.open(url(), user(), null);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        }
        manager = new WorkflowManager(new JdbcWorkflowStore(jobs), PARSER, clock);
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    // ---- the transition table ----

    /** Where a workflow can be: its state, and whether a draft exists beside its active version. */
    enum Situation {
        NEW_DRAFT(DRAFT, EDIT_DRAFT, ACTIVATE, DELETE),
        ACTIVE_ONLY(ACTIVE, RUN, CREATE_DRAFT, VIEW_ACTIVE, DEACTIVATE, DELETE),
        ACTIVE_WITH_DRAFT(ACTIVE, RUN, CREATE_DRAFT, VIEW_ACTIVE, DEACTIVATE, DELETE, EDIT_DRAFT, DISCARD_DRAFT,
                ACTIVATE),
        INACTIVE_ONLY(INACTIVE, REACTIVATE, CREATE_DRAFT, DELETE),
        INACTIVE_WITH_DRAFT(INACTIVE, REACTIVATE, CREATE_DRAFT, DELETE, EDIT_DRAFT, DISCARD_DRAFT, ACTIVATE);

        final WorkflowState state;
        final Set<WorkflowAction> allowed;

        Situation(WorkflowState state, WorkflowAction... allowed) {
            this.state = state;
            this.allowed = EnumSet.copyOf(Arrays.asList(allowed));
        }
    }

    static Stream<Arguments> everySituationAndAction() {
        return Arrays.stream(Situation.values()).flatMap(situation -> Arrays.stream(WorkflowAction.values())
                .map(action -> Arguments.of(situation, action, situation.allowed.contains(action))));
    }

    @ParameterizedTest(name = "{0}: {1} allowed={2}")
    @MethodSource("dev.vigil.store.WorkflowStoreContract#everySituationAndAction")
    void everyActionIsAllowedOrRefusedAsTheTableSays(Situation situation, WorkflowAction action, boolean allowed) {
        String id = in(situation);
        if (allowed) {
            perform(id, action);
            if (action != DELETE) {
                assertThat(manager.get(id).state()).isEqualTo(action.after(situation.state));
            } else {
                assertThatThrownBy(() -> manager.get(id)).isInstanceOf(WorkflowNotFound.class);
            }
        } else {
            assertThatThrownBy(() -> perform(id, action))
                    .isInstanceOfSatisfying(WorkflowConflict.class, conflict -> {
                        assertThat(conflict.state()).isEqualTo(situation.state);
                        assertThat(conflict.action()).isEqualTo(action);
                        assertThat(conflict.workflowId()).isEqualTo(id);
                    })
                    .hasMessageStartingWith("cannot ")
                    .hasMessageContaining(" workflow '" + id + "': it is ");
            assertThat(manager.get(id).state()).isEqualTo(situation.state);
        }
    }

    @Test
    void aRefusalNamesTheStateTheActionAndWhatIsAllowed() {
        manager.create(yaml("triage"), "triage", "ana");
        assertThatThrownBy(() -> manager.deactivate("triage", "ana")).isInstanceOf(WorkflowConflict.class)
                .hasMessage("cannot deactivate workflow 'triage': it is a draft; allowed: edit the draft, activate, "
                        + "delete");
        manager.activate("triage", "ana");
        assertThatThrownBy(() -> manager.editDraft("triage", yaml("triage"), "ana"))
                .hasMessage("cannot edit the draft of workflow 'triage': it is active and has no draft; allowed: run, "
                        + "create a draft, view the active version, deactivate, delete");
    }

    private String in(Situation situation) {
        String id = "wf-" + situation.name().toLowerCase().replace('_', '-');
        manager.create(yaml(id), id, "ana");
        if (situation != Situation.NEW_DRAFT) {
            manager.activate(id, "ana");
        }
        if (situation.state == INACTIVE) {
            manager.deactivate(id, "ana");
        }
        if (situation.name().endsWith("WITH_DRAFT")) {
            manager.createDraft(id, "ana");
        }
        return id;
    }

    private void perform(String id, WorkflowAction action) {
        switch (action) {
            case RUN -> manager.activeVersion(id);
            case CREATE_DRAFT -> manager.createDraft(id, "bo");
            case EDIT_DRAFT -> manager.editDraft(id, yaml(id, "edited", "hi"), "bo");
            case DISCARD_DRAFT -> manager.discardDraft(id, "bo");
            case ACTIVATE -> manager.activate(id, "bo");
            case VIEW_ACTIVE -> manager.viewActive(id);
            case DEACTIVATE -> manager.deactivate(id, "bo");
            case REACTIVATE -> manager.reactivate(id, "bo");
            case DELETE -> manager.delete(id, false, "bo");
        }
    }

    // ---- drafts and versions ----

    @Test
    void aNewWorkflowIsADraftWithWhoAndWhen() {
        WorkflowView view = manager.create(yaml("triage", "sorts alerts", "hello", "soc", "triage"), null, "ana");
        assertThat(view.id()).matches("workflow-[0-9a-f-]{36}");
        assertThat(view.state()).isEqualTo(DRAFT);
        assertThat(view.enabled()).isFalse();
        assertThat(view.activeVersion()).isNull();
        assertThat(view.valid()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        manager.editDraft(view.id(), yaml("triage", "sorts alerts well", "hello", "soc"), "bo");
        WorkflowView read = manager.get(view.id());
        assertThat(read.name()).isEqualTo("triage");
        assertThat(read.description()).isEqualTo("sorts alerts well");
        assertThat(read.tags()).containsExactly("soc");
        assertThat(read.createdAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(read.createdBy()).isEqualTo("ana");
        assertThat(read.updatedAt()).isEqualTo(Instant.parse("2026-11-23T10:01:00Z"));
        assertThat(read.updatedBy()).isEqualTo("bo");
        assertThat(read.draft().source()).contains("sorts alerts well");
    }

    @Test
    void aWorkflowHasAtMostOneDraft() {
        manager.create(yaml("triage"), "triage", "ana");
        manager.activate("triage", "ana");
        WorkflowView first = manager.createDraft("triage", "ana");
        manager.editDraft("triage", yaml("triage", "changed", "bye"), "bo");
        clock.advance(Duration.ofMinutes(1));
        WorkflowView second = manager.createDraft("triage", "cy");
        assertThat(second.draft().source()).contains("changed");
        assertThat(second.draft().createdAt()).isEqualTo(first.draft().createdAt());
        assertThat(second.draft().basedOn()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM workflow_drafts")).isEqualTo(1);
    }

    @Test
    void activatingADraftReplacesTheActiveVersionAndKeepsTheOldOne() {
        manager.create(yaml("triage"), "triage", "ana");
        manager.activate("triage", "ana");
        clock.advance(Duration.ofMinutes(1));
        manager.createDraft("triage", "bo");
        manager.editDraft("triage", yaml("triage", "says bye", "bye"), "bo");
        clock.advance(Duration.ofMinutes(1));
        WorkflowView view = manager.activate("triage", "cy");

        assertThat(view.state()).isEqualTo(ACTIVE);
        assertThat(view.enabled()).isTrue();
        assertThat(view.activeVersion()).isEqualTo(2);
        assertThat(view.draft()).isNull();
        assertThat(view.description()).isEqualTo("says bye");
        List<WorkflowVersion> versions = manager.versions("triage");
        assertThat(versions).extracting(WorkflowVersion::number).containsExactly(1, 2);
        WorkflowVersion v1 = versions.get(0);
        assertThat(v1.source()).isEqualTo(yaml("triage"));
        assertThat(v1.activatedBy()).isEqualTo("ana");
        assertThat(v1.activatedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(v1.replacedAt()).isEqualTo(Instant.parse("2026-11-23T10:02:00Z"));
        WorkflowVersion v2 = versions.get(1);
        assertThat(v2.createdBy()).isEqualTo("bo");
        assertThat(v2.createdAt()).isEqualTo(Instant.parse("2026-11-23T10:01:00Z"));
        assertThat(v2.activatedBy()).isEqualTo("cy");
        assertThat(v2.replacedAt()).isNull();
        assertThat(manager.version("triage", 1)).isEqualTo(v1);

        var active = manager.activeVersion("triage");
        assertThat(active.version()).isEqualTo(2);
        assertThat(active.source()).contains("says bye");
        assertThat(active.workflow().name()).isEqualTo("triage");
        assertThat(manager.viewActive("triage")).isEqualTo(v2);
    }

    @Test
    void deactivatingAndReactivatingKeepTheActiveVersion() {
        manager.create(yaml("triage"), "triage", "ana");
        manager.activate("triage", "ana");
        manager.create(yaml("other"), "other", "ana");
        assertThat(manager.deactivate("triage", "ana").enabled()).isFalse();
        assertThat(manager.activeWorkflows()).isEmpty();
        assertThat(manager.reactivate("triage", "ana").activeVersion()).isEqualTo(1);
        assertThat(manager.activeWorkflows()).extracting(a -> a.id() + "@" + a.version()).containsExactly("triage@1");
    }

    @Test
    void anInvalidDraftIsSavedWithItsProblemsButCannotBeActivated() {
        WorkflowView view = manager.create(invalid("broken"), "broken", "ana");
        assertThat(view.valid()).isFalse();
        assertThat(view.problems()).anySatisfy(problem -> {
            assertThat(problem.code()).isEqualTo("unknown-step-type");
            assertThat(problem.position().line()).isEqualTo(6);
        });
        assertThat(manager.get("broken").problems()).isEqualTo(view.problems());
        assertThatThrownBy(() -> manager.activate("broken", "ana")).isInstanceOfSatisfying(WorkflowInvalid.class,
                        invalid -> assertThat(invalid.problems()).isEqualTo(view.problems()))
                .hasMessageStartingWith("cannot activate workflow 'broken': its draft is invalid (")
                .hasMessageContaining("6:11: unknown step type 'htp'");
        assertThat(manager.get("broken").state()).isEqualTo(DRAFT);

        WorkflowView fixed = manager.editDraft("broken", yaml("broken"), "ana");
        assertThat(fixed.valid()).isTrue();
        assertThat(manager.activate("broken", "ana").state()).isEqualTo(ACTIVE);
    }

    @Test
    void yamlWithoutANameIsRefused() {
        assertThatThrownBy(() -> manager.create("steps: [", null, "ana")).isInstanceOf(WorkflowInvalid.class)
                .hasMessageStartingWith("a workflow needs a name");
    }

    @Test
    void anOldVersionCanBecomeTheDraftAgain() {
        manager.create(yaml("triage"), "triage", "ana");
        manager.activate("triage", "ana");
        manager.createDraft("triage", "ana");
        manager.editDraft("triage", yaml("triage", "says bye", "bye"), "ana");
        manager.activate("triage", "ana");

        WorkflowView rollback = manager.draftFromVersion("triage", 1, "bo");
        assertThat(rollback.draft().basedOn()).isEqualTo(1);
        assertThat(rollback.draft().source()).isEqualTo(yaml("triage"));
        manager.activate("triage", "bo");
        assertThat(manager.activeVersion("triage").version()).isEqualTo(3);
        assertThat(manager.version("triage", 3).source()).isEqualTo(manager.version("triage", 1).source());
        assertThatThrownBy(() -> manager.version("triage", 9)).isInstanceOf(WorkflowNotFound.class)
                .hasMessage("workflow 'triage' has no version 9");
    }

    @Test
    void twoVersionsDiffAsAUnifiedDiff() {
        manager.create(yaml("triage"), "triage", "ana");
        manager.activate("triage", "ana");
        manager.createDraft("triage", "ana");
        manager.editDraft("triage", yaml("triage", "says hello", "bye", "triage"), "ana");
        manager.activate("triage", "ana");
        assertThat(manager.diff("triage", 1, 2)).isEqualTo("""
                --- triage version 1
                +++ triage version 2
                @@ -7,4 +7,4 @@
                   - name: hello
                     type: console
                     with:
                -      message: hello
                +      message: bye
                """);
        assertThat(manager.diff("triage", 2, 2)).isEmpty();
    }

    // ---- many workflows ----

    @Test
    void exportedWorkflowsImportAgain() {
        List<WorkflowView> imported = manager.importYaml(List.of(yaml("alpha"), yaml("bravo")), "ana");
        assertThat(imported).extracting(WorkflowView::state).containsOnly(DRAFT);
        String alpha = imported.get(0).id();
        String bravo = imported.get(1).id();
        manager.activate(alpha, "ana");
        manager.createDraft(alpha, "ana");
        manager.editDraft(alpha, yaml("alpha", "draft only", "draft"), "ana");

        List<ExportedWorkflow> exported = manager.export(List.of(alpha, bravo));
        assertThat(exported).containsExactly(new ExportedWorkflow(alpha, yaml("alpha")),
                new ExportedWorkflow(bravo, yaml("bravo")));
        manager.delete(alpha, true, "ana");
        manager.delete(bravo, true, "ana");
        List<WorkflowView> again = manager.importYaml(exported.stream().map(ExportedWorkflow::yaml).toList(), "bo");
        assertThat(again).extracting(WorkflowView::name).containsExactly("alpha", "bravo");
        assertThat(manager.export(again.stream().map(WorkflowView::id).toList())).extracting(ExportedWorkflow::yaml)
                .containsExactly(yaml("alpha"), yaml("bravo"));
    }

    @Test
    void namesAreUniqueAmongLiveWorkflows() {
        manager.create(yaml("triage"), "triage", "ana");
        assertThatThrownBy(() -> manager.create(yaml("triage"), null, "ana")).isInstanceOf(WorkflowNameTaken.class)
                .hasMessageStartingWith("a workflow named 'triage' already exists (triage): workflow names are unique");
        assertThatThrownBy(() -> manager.create(yaml("other"), "triage", "ana")).isInstanceOf(WorkflowNameTaken.class)
                .hasMessageStartingWith("a workflow with id 'triage' already exists");
        manager.create(yaml("other"), "other", "ana");
        assertThatThrownBy(() -> manager.editDraft("other", yaml("triage"), "ana"))
                .isInstanceOf(WorkflowNameTaken.class);
        assertThatThrownBy(() -> manager.importYaml(List.of(yaml("new"), yaml("new")), "ana"))
                .isInstanceOf(WorkflowNameTaken.class).hasMessage("cannot import: two workflows are named 'new'");
        assertThatThrownBy(() -> manager.importYaml(List.of(yaml("new"), yaml("triage")), "ana"))
                .isInstanceOf(WorkflowNameTaken.class);
        assertThat(manager.list(WorkflowQuery.all()).total()).isEqualTo(2);

        manager.delete("triage", false, "ana");
        assertThat(manager.create(yaml("triage"), null, "ana").name()).isEqualTo("triage");
    }

    @Test
    void idsFollowKibanasRules() {
        assertThat(manager.create(yaml("a"), "my-workflow-1", "ana").id()).isEqualTo("my-workflow-1");
        for (String bad : List.of("ab", "My-Workflow", "-abc", "abc-", "a_bc", "x".repeat(256))) {
            assertThatThrownBy(() -> manager.create(yaml("b"), bad, "ana")).as(bad)
                    .isInstanceOf(WorkflowInvalid.class).hasMessageStartingWith("invalid workflow id '" + bad + "'");
        }
    }

    @Test
    void aCloneIsANewDraftNamedAsACopy() {
        manager.create(yaml("triage"), "triage", "ana");
        manager.activate("triage", "ana");
        WorkflowView copy = manager.clone("triage", "bo");
        assertThat(copy.id()).isNotEqualTo("triage");
        assertThat(copy.name()).isEqualTo("triage (copy)");
        assertThat(copy.state()).isEqualTo(DRAFT);
        assertThat(copy.createdBy()).isEqualTo("bo");
        assertThat(copy.draft().source()).isEqualTo(yaml("triage").replace("name: triage", "name: \"triage (copy)\""));
        assertThat(manager.clone("triage", "bo").name()).isEqualTo("triage (copy 2)");
        assertThat(manager.clone(copy.id(), "bo").name()).isEqualTo("triage (copy) (copy)");
    }

    @Test
    void aDeletedWorkflowIsHiddenButKeptUntilDeletedWithForce() {
        manager.create(yaml("triage"), "triage", "ana");
        manager.activate("triage", "ana");
        manager.delete("triage", false, "bo");
        assertThatThrownBy(() -> manager.get("triage")).isInstanceOf(WorkflowNotFound.class)
                .hasMessage("no workflow 'triage'");
        assertThat(manager.list(WorkflowQuery.all()).items()).isEmpty();
        assertThat(manager.activeWorkflows()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM workflows WHERE deleted_by = 'bo'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM workflow_versions")).isEqualTo(1);

        manager.delete("triage", true, "bo");
        for (String table : TABLES) {
            assertThat(count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
        assertThatThrownBy(() -> manager.delete("triage", true, "bo")).isInstanceOf(WorkflowNotFound.class);
    }

    @Test
    void listsFilterByTextStateAndTagsAndPage() {
        manager.create(WorkflowFixtures.yaml("alpha", "blocks ips", "x", "network"), "alpha", "ana");
        manager.create(WorkflowFixtures.yaml("bravo", "enriches hashes", "x", "malware", "triage"), "bravo", "ana");
        manager.create(WorkflowFixtures.yaml("charlie", "100%_done", "x", "triage"), "charlie", "ana");
        manager.create(WorkflowFixtures.yaml("delta", "closes cases", "x"), "delta", "ana");
        manager.activate("bravo", "ana");
        manager.activate("delta", "ana");
        manager.deactivate("delta", "ana");

        assertThat(ids(manager.list(WorkflowQuery.all()))).containsExactly("alpha", "bravo", "charlie", "delta");
        assertThat(ids(manager.list(WorkflowQuery.all().text("HASH")))).containsExactly("bravo");
        assertThat(ids(manager.list(WorkflowQuery.all().text("arli")))).containsExactly("charlie");
        assertThat(ids(manager.list(WorkflowQuery.all().text("%_")))).containsExactly("charlie");
        assertThat(ids(manager.list(WorkflowQuery.all().text("_")))).containsExactly("charlie");
        assertThat(ids(manager.list(WorkflowQuery.all().state(ACTIVE)))).containsExactly("bravo");
        assertThat(ids(manager.list(WorkflowQuery.all().tags("triage")))).containsExactly("bravo", "charlie");
        assertThat(ids(manager.list(WorkflowQuery.all().tags("network", "malware")))).containsExactly("alpha", "bravo");
        assertThat(ids(manager.list(WorkflowQuery.all().tags("triage").state(DRAFT)))).containsExactly("charlie");
        assertThat(ids(manager.list(WorkflowQuery.all().sort(WorkflowQuery.Sort.STATE))))
                .containsExactly("alpha", "charlie", "bravo", "delta");

        WorkflowPage<WorkflowView> second = manager.list(WorkflowQuery.all().page(1, 3));
        assertThat(ids(second)).containsExactly("delta");
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(3);
        assertThat(manager.list(WorkflowQuery.all().page(5, 3)).items()).isEmpty();
    }

    private static List<String> ids(WorkflowPage<WorkflowView> page) {
        return page.items().stream().map(WorkflowView::id).toList();
    }

    private long count(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user() != null) {
            properties.setProperty("user", user());
        }
        return DriverManager.getConnection(url(), properties);
    }
}
