package dev.vigil.steps.cases;

import dev.vigil.cases.Case;
import dev.vigil.cases.CaseChanges;
import dev.vigil.cases.CaseConflict;
import dev.vigil.cases.CaseJson;
import dev.vigil.cases.CaseNotFound;
import dev.vigil.cases.CasePage;
import dev.vigil.cases.CaseQuery;
import dev.vigil.cases.CaseService;
import dev.vigil.cases.CaseSeverity;
import dev.vigil.cases.CaseStatus;
import dev.vigil.cases.NewCase;
import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code cases.*} steps (WORKFLOW_FORMAT.md §3.10) on Vigil's own case store. One class for the family: each
 * type is a few lines over {@link CaseService}, and splitting them would repeat the argument and error handling
 * thirteen times. Registered only where a case service exists (the server); elsewhere (the CLI) {@code cases.*}
 * stay an external family. The service is a supplier because the registry is built before the database opens.
 */
public final class CaseSteps implements StepAction {

    /** Who the case history names for changes made by workflows. */
    static final String ACTOR = "workflow";

    private final String type;
    private final Supplier<CaseService> cases;

    private CaseSteps(String type, Supplier<CaseService> cases) {
        this.type = type;
        this.cases = cases;
    }

    public static List<StepDefinition> definitions(Supplier<CaseService> cases) {
        return List.of(
                step("createCase", "Creates a case; output {case}", cases, "title", "description", "owner"),
                step("getCase", "Reads a case; output {case}", cases, "case_id"),
                step("findCases", "Lists cases by status, severity and tags; output {cases, page, per_page, total}",
                        cases),
                step("getCasesByAlertId", "Cases holding an alert; output {cases}", cases, "alert_id"),
                step("updateCase", "Changes title, description, status, severity or tags of a case", cases,
                        "case_id", "updates"),
                step("setStatus", "Sets a case's status (open, in-progress, closed)", cases, "case_id", "status"),
                step("setSeverity", "Sets a case's severity (low, medium, high, critical)", cases, "case_id",
                        "severity"),
                step("addComment", "Adds a comment to a case", cases, "case_id", "comment"),
                step("addAlerts", "Attaches alerts [{alertId, index, rule?}] to a case", cases, "case_id", "alerts"),
                step("addObservables", "Adds observables [{typeKey, value, description?}] to a case", cases,
                        "case_id", "observables"),
                step("addTags", "Adds tags to a case", cases, "case_id", "tags"),
                step("assignCase", "Assigns users [{uid}] to a case", cases, "case_id", "assignees"),
                step("closeCase", "Closes a case", cases, "case_id"));
    }

    private static StepDefinition step(String name, String summary, Supplier<CaseService> cases, String... required) {
        return StepDefinition.of("cases." + name, summary, new CaseSteps(name, cases), required);
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        CaseArgs args = new CaseArgs(call.with());
        try {
            return run(cases.get(), args);
        } catch (CaseConflict e) {
            throw new StepFailure("CaseConflict", e.getMessage(), Map.of("currentVersion", (long) e.currentVersion()));
        } catch (CaseNotFound e) {
            throw new StepFailure("CaseNotFound", e.getMessage(), null);
        } catch (IllegalArgumentException e) {
            throw new StepFailure("InvalidCaseParams", "cases." + type + ": " + e.getMessage(), null);
        }
    }

    private Object run(CaseService service, CaseArgs args) {
        return switch (type) {
            case "createCase" -> one(service.create(new NewCase(args.required("title"), args.text("description"),
                    args.text("owner"), severity(args.text("severity")), args.strings("tags"),
                    args.uids("assignees")), ACTOR));
            case "getCase" -> one(service.get(args.required("case_id")));
            case "findCases" -> find(service, args);
            case "getCasesByAlertId" -> Map.of("cases",
                    service.byAlertId(args.required("alert_id")).stream().map(CaseJson::toValue).toList());
            case "updateCase" -> one(service.update(args.required("case_id"), args.version(),
                    changes(new CaseArgs(args.map("updates"))), ACTOR));
            case "setStatus" -> one(service.update(args.required("case_id"), args.version(),
                    CaseChanges.status(CaseStatus.parse(args.required("status"))), ACTOR));
            case "setSeverity" -> one(service.update(args.required("case_id"), args.version(),
                    CaseChanges.severity(CaseSeverity.parse(args.required("severity"))), ACTOR));
            case "addComment" -> one(service.addComment(args.required("case_id"), args.version(),
                    args.required("comment"), ACTOR));
            case "addAlerts" -> one(service.addAlerts(args.required("case_id"), args.version(), args.alerts(), ACTOR));
            case "addObservables" -> one(service.addObservables(args.required("case_id"), args.version(),
                    args.observables(), ACTOR));
            case "addTags" -> one(service.addTags(args.required("case_id"), args.version(), args.strings("tags"),
                    ACTOR));
            case "assignCase" -> one(service.assign(args.required("case_id"), args.version(), args.uids("assignees"),
                    ACTOR));
            case "closeCase" -> one(service.close(args.required("case_id"), args.version(), ACTOR));
            default -> throw new IllegalStateException("no case step " + type);
        };
    }

    private static Map<String, Object> one(Case c) {
        return Map.of("case", CaseJson.toValue(c));
    }

    private static CaseChanges changes(CaseArgs updates) {
        return new CaseChanges(updates.text("title"), updates.text("description"),
                updates.text("status") == null ? null : CaseStatus.parse(updates.text("status")),
                severity(updates.text("severity")), updates.has("tags") ? updates.strings("tags") : null);
    }

    private static Map<String, Object> find(CaseService service, CaseArgs args) {
        CaseStatus status = args.text("status") == null ? null : CaseStatus.parse(args.text("status"));
        List<String> tags = args.strings("tags");
        String tag = tags.isEmpty() ? null : tags.getFirst();
        CasePage page = service.find(new CaseQuery(status, tag, null, args.integer("page", 1),
                args.integer("perPage", 20)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cases", page.cases().stream().map(CaseJson::toValue).toList());
        out.put("page", (long) page.page());
        out.put("per_page", (long) page.size());
        out.put("total", page.total());
        for (CaseStatus each : CaseStatus.values()) {
            out.put("count_" + each.id().replace('-', '_') + "_cases",
                    service.find(new CaseQuery(each, tag, null, 1, 1)).total());
        }
        return out;
    }

    private static CaseSeverity severity(String text) {
        return text == null ? null : CaseSeverity.parse(text);
    }
}
