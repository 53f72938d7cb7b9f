package dev.vigil.workflows;

import static dev.vigil.workflows.WorkflowAction.*;

import dev.vigil.engine.EngineClock;
import dev.vigil.parse.ParseResult;
import dev.vigil.parse.WorkflowParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The workflow manager: drafts, activation, versions, import and export. Each request reads the workflow, asks
 * {@link Lifecycle} whether the action is allowed in its state, and hands the result to the {@link WorkflowStore}
 * in one write. The actor (who asks) is whatever string the caller passes: a user name, an API key's name.
 */
public final class WorkflowManager {

    private final WorkflowStore store;
    private final WorkflowParser parser;
    private final EngineClock clock;

    private final java.util.Map<String, ActiveWorkflow> parsedVersions = new java.util.concurrent.ConcurrentHashMap<>();

    public WorkflowManager(WorkflowStore store, WorkflowParser parser, EngineClock clock) {
        this.store = store;
        this.parser = parser;
        this.clock = clock;
    }

    // ---- one workflow ----

    /**
     * A new DRAFT workflow; its YAML may be invalid (the problems are kept) but must have a name.
     *
     * @param id the caller's id (Kibana's rules), or null for {@code workflow-<uuid>}
     */
    public WorkflowView create(String yaml, String id, String actor) {
        String workflowId = WorkflowIds.checkOrGenerate(id);
        Described described = describe(yaml);
        Instant now = now();
        WorkflowRecord workflow = new WorkflowRecord(workflowId, described.name(), described.description(),
                described.tags(), WorkflowState.DRAFT, null, now, actor, now, actor, null, null);
        Draft draft = new Draft(yaml, null, described.problems(), now, actor, now, actor);
        store.create(workflow, draft);
        return WorkflowView.of(workflow, draft);
    }

    public WorkflowView get(String id) {
        return WorkflowView.of(live(id), store.draft(id).orElse(null));
    }

    public WorkflowPage<WorkflowView> list(WorkflowQuery query) {
        WorkflowPage<WorkflowRecord> page = store.list(query);
        List<WorkflowView> views = page.items().stream()
                .map(w -> WorkflowView.of(w, store.draft(w.id()).orElse(null))).toList();
        return new WorkflowPage<>(views, page.total(), page.page(), page.size());
    }

    /** A draft from the active version; when the workflow already has a draft, that draft (one per workflow). */
    public WorkflowView createDraft(String id, String actor) {
        WorkflowRecord workflow = live(id);
        Optional<Draft> existing = store.draft(id);
        allow(workflow, existing, CREATE_DRAFT);
        if (existing.isPresent()) {
            return WorkflowView.of(workflow, existing.get());
        }
        return newDraft(workflow, activeVersionOf(workflow), actor);
    }

    public WorkflowView editDraft(String id, String yaml, String actor) {
        WorkflowRecord workflow = live(id);
        Optional<Draft> draft = store.draft(id);
        allow(workflow, draft, EDIT_DRAFT);
        Described described = describe(yaml);
        Instant now = now();
        Draft edited = draft.orElseThrow().edited(described, now, actor);
        WorkflowRecord updated = workflow.with(workflow.state(), now, actor);
        if (workflow.state() == WorkflowState.DRAFT) {
            updated = updated.described(described); // never activated: the draft is what the workflow is called
        }
        store.saveDraft(updated, edited);
        return WorkflowView.of(updated, edited);
    }

    public WorkflowView discardDraft(String id, String actor) {
        WorkflowRecord workflow = live(id);
        allow(workflow, store.draft(id), DISCARD_DRAFT);
        WorkflowRecord updated = workflow.with(workflow.state(), now(), actor);
        store.discardDraft(updated);
        return WorkflowView.of(updated, null);
    }

    /** The draft becomes the next version and the active one; refused while it has problems. */
    public WorkflowView activate(String id, String actor) {
        WorkflowRecord workflow = live(id);
        Optional<Draft> draft = store.draft(id);
        allow(workflow, draft, ACTIVATE);
        // parsed again rather than trusting the stored problems: the parser may have learned since the draft was saved
        ParseResult parsed = parser.parse(draft.orElseThrow().source());
        if (!parsed.valid()) {
            throw new WorkflowInvalid("cannot activate workflow '" + id + "': its draft is invalid"
                    + Problems.summary(parsed.problems()) + "\nfix the draft, then activate it", parsed.problems());
        }
        Instant now = now();
        WorkflowRecord updated = workflow.described(Described.of(draft.get().source(), parsed))
                .with(WorkflowState.ACTIVE, now, actor);
        try {
            store.activateDraft(updated, now, actor);
        } catch (IllegalStateException raced) {
            // another activation took the draft a moment before ours: refused like any action in the state it left
            allow(live(id), store.draft(id), ACTIVATE);
            throw raced;
        }
        return get(id);
    }

    public WorkflowView deactivate(String id, String actor) {
        return move(id, DEACTIVATE, actor);
    }

    /** Makes the last active version active again (a draft beside it stays a draft). */
    public WorkflowView reactivate(String id, String actor) {
        return move(id, REACTIVATE, actor);
    }

    /** Soft delete: hidden, history kept. With {@code force}, the workflow and its history are removed. */
    public void delete(String id, boolean force, String actor) {
        WorkflowRecord workflow = force ? store.workflow(id).orElseThrow(() -> notFound(id)) : live(id);
        if (!workflow.deleted()) {
            allow(workflow, store.draft(id), DELETE);
        }
        if (force) {
            store.delete(id);
        } else {
            store.update(workflow.deletedBy(now(), actor));
        }
    }

    // ---- versions ----

    public List<WorkflowVersion> versions(String id) {
        live(id);
        return store.versions(id);
    }

    public WorkflowVersion version(String id, int number) {
        live(id);
        return store.version(id, number).orElseThrow(() -> new WorkflowNotFound("workflow '" + id
                + "' has no version " + number + (number < 1 ? ": versions are numbered from 1" : "")));
    }

    /** The unified diff from version {@code from} to version {@code to}; empty when they are the same. */
    public String diff(String id, int from, int to) {
        return Diffs.unified(version(id, from), version(id, to));
    }

    /** Rollback: a draft with an old version's YAML (the existing draft, if any, takes that YAML). */
    public WorkflowView draftFromVersion(String id, int number, String actor) {
        WorkflowRecord workflow = live(id);
        WorkflowVersion version = version(id, number);
        Optional<Draft> draft = store.draft(id);
        allow(workflow, draft, draft.isPresent() ? EDIT_DRAFT : CREATE_DRAFT);
        return newDraft(workflow, version, actor);
    }

    // ---- many workflows ----

    /**
     * New DRAFT workflows, one per YAML document. Every document is read and every name checked before anything
     * is stored, so a name clash refuses the whole import.
     */
    public List<WorkflowView> importYaml(List<String> yamls, String actor) {
        Set<String> names = new HashSet<>();
        for (Described described : yamls.stream().map(this::describe).toList()) {
            if (!names.add(described.name())) {
                throw new WorkflowNameTaken("cannot import: two workflows are named '" + described.name() + "'");
            }
            store.idByName(described.name()).ifPresent(other -> {
                throw WorkflowNameTaken.of(described.name(), other);
            });
        }
        List<WorkflowView> created = new ArrayList<>();
        for (String yaml : yamls) {
            created.add(create(yaml, null, actor));
        }
        return created;
    }

    /** Each workflow's YAML: the active version's, or the draft's when it was never activated. */
    public List<ExportedWorkflow> export(List<String> ids) {
        return ids.stream().map(id -> new ExportedWorkflow(id, currentSource(live(id)))).toList();
    }

    /** A copy as a new DRAFT workflow named "{name} (copy)" (or "(copy 2)"...), with a new id. */
    public WorkflowView clone(String id, String actor) {
        WorkflowRecord workflow = live(id);
        String name = Names.copyOf(workflow.name(), candidate -> store.idByName(candidate).isPresent());
        return create(Names.rename(id, currentSource(workflow), name), null, actor);
    }

    // ---- for the server ----

    /** The version jobs of this workflow start with now; refused unless the workflow is ACTIVE. */
    public ActiveWorkflow activeVersion(String id) {
        WorkflowRecord workflow = live(id);
        allow(workflow, store.draft(id), RUN);
        return parsed(activeVersionOf(workflow));
    }

    /** The active version as a person views it (its YAML, who activated it when). */
    public WorkflowVersion viewActive(String id) {
        WorkflowRecord workflow = live(id);
        allow(workflow, store.draft(id), VIEW_ACTIVE);
        return activeVersionOf(workflow);
    }

    /** Every ACTIVE workflow's active version, parsed: what triggers are routed to. */
    public List<ActiveWorkflow> activeWorkflows() {
        return store.activeVersions().stream().map(this::parsed).toList();
    }

    // ----

    private WorkflowView move(String id, WorkflowAction action, String actor) {
        WorkflowRecord workflow = live(id);
        Optional<Draft> draft = store.draft(id);
        WorkflowState next = allow(workflow, draft, action);
        WorkflowRecord updated = workflow.with(next, now(), actor);
        store.update(updated);
        return WorkflowView.of(updated, draft.orElse(null));
    }

    private WorkflowView newDraft(WorkflowRecord workflow, WorkflowVersion from, String actor) {
        Instant now = now();
        ParseResult parsed = parser.parse(from.source());
        Draft draft = new Draft(from.source(), from.number(), parsed.problems(), now, actor, now, actor);
        WorkflowRecord updated = workflow.with(workflow.state(), now, actor);
        store.saveDraft(updated, draft);
        return WorkflowView.of(updated, draft);
    }

    private WorkflowState allow(WorkflowRecord workflow, Optional<Draft> draft, WorkflowAction action) {
        return Lifecycle.check(workflow.id(), workflow.state(), draft.isPresent(), action);
    }

    private String currentSource(WorkflowRecord workflow) {
        if (workflow.activeVersion() != null) {
            return activeVersionOf(workflow).source();
        }
        return store.draft(workflow.id()).orElseThrow(() -> new IllegalStateException("workflow '" + workflow.id()
                + "' was never activated and has no draft")).source();
    }

    private WorkflowVersion activeVersionOf(WorkflowRecord workflow) {
        return store.version(workflow.id(), workflow.activeVersion()).orElseThrow(() -> new IllegalStateException(
                "workflow '" + workflow.id() + "' lost its active version " + workflow.activeVersion()));
    }

    /**
     * A version's model, parsed once: versions never change, and every alert, webhook and scheduler pass asks for
     * all active workflows, which would otherwise parse each of them every time. Keyed by workflow and version
     * number; a version replaced by a newer one drops out when the newer one is parsed.
     */
    private ActiveWorkflow parsed(WorkflowVersion version) {
        ActiveWorkflow cached = parsedVersions.get(version.workflowId());
        if (cached != null && cached.version() == version.number() && cached.source().equals(version.source())) {
            return cached;
        }
        // an activated version was valid when activated; a parser that grew stricter still yields its model
        ActiveWorkflow fresh = new ActiveWorkflow(version.workflowId(), version.number(), version.source(),
                parser.parse(version.source()).workflow());
        parsedVersions.put(version.workflowId(), fresh);
        return fresh;
    }

    private Described describe(String yaml) {
        return Described.of(yaml, parser.parse(yaml));
    }

    private WorkflowRecord live(String id) {
        return store.workflow(id).filter(w -> !w.deleted()).orElseThrow(() -> notFound(id));
    }

    private static WorkflowNotFound notFound(String id) {
        return new WorkflowNotFound("no workflow '" + id + "'");
    }

    /** The store keeps microseconds; answers made from memory must say what a later read will say. */
    private Instant now() {
        return clock.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
