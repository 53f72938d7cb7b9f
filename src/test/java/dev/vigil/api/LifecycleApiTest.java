package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every lifecycle action over HTTP in every situation, allowed (2xx) or refused (409 naming the state), as the
 * issue lists them: active: run, create draft, edit the draft if one exists, view, deactivate, delete; draft:
 * edit, delete, activate; inactive: reactivate, create draft, delete. The draft of an active or inactive workflow
 * can be edited, discarded and activated.
 */
class LifecycleApiTest extends ApiTest {

    enum Situation { DRAFT, ACTIVE, ACTIVE_WITH_DRAFT, INACTIVE, INACTIVE_WITH_DRAFT }

    enum Action { RUN, CREATE_DRAFT, EDIT_DRAFT, DISCARD_DRAFT, ACTIVATE, VIEW, DEACTIVATE, REACTIVATE, DELETE }

    /** The expected outcome of each action in each situation: true = allowed. */
    static final Map<Situation, List<Action>> ALLOWED = Map.of(
            // a workflow that is only a draft is deleted, not discarded: DELETE /workflow/{id}
            Situation.DRAFT, List.of(Action.EDIT_DRAFT, Action.ACTIVATE, Action.VIEW, Action.DELETE),
            Situation.ACTIVE, List.of(Action.RUN, Action.CREATE_DRAFT, Action.VIEW, Action.DEACTIVATE, Action.DELETE),
            Situation.ACTIVE_WITH_DRAFT, List.of(Action.RUN, Action.CREATE_DRAFT, Action.EDIT_DRAFT,
                    Action.DISCARD_DRAFT, Action.ACTIVATE, Action.VIEW, Action.DEACTIVATE, Action.DELETE),
            Situation.INACTIVE, List.of(Action.CREATE_DRAFT, Action.VIEW, Action.REACTIVATE, Action.DELETE),
            Situation.INACTIVE_WITH_DRAFT, List.of(Action.CREATE_DRAFT, Action.EDIT_DRAFT, Action.DISCARD_DRAFT,
                    Action.ACTIVATE, Action.VIEW, Action.REACTIVATE, Action.DELETE));

    private static String yaml(String name) {
        return "name: " + name + "\ntriggers: [{type: manual}]\nsteps:\n  - {name: a, type: console, with: {message: hi}}\n";
    }

    private String arrange(Situation situation, String name) {
        String id = api.workflows.create(yaml(name), null, "test").id();
        if (situation == Situation.DRAFT) {
            return id;
        }
        api.workflows.activate(id, "test");
        if (situation == Situation.INACTIVE || situation == Situation.INACTIVE_WITH_DRAFT) {
            api.workflows.deactivate(id, "test");
        }
        if (situation == Situation.ACTIVE_WITH_DRAFT || situation == Situation.INACTIVE_WITH_DRAFT) {
            api.workflows.createDraft(id, "test");
        }
        return id;
    }

    private ApiFixture.Answer perform(Action action, String id, String name) {
        String one = "/api/workflows/workflow/" + id;
        return switch (action) {
            case RUN -> api.post(one + "/run", ApiFixture.EDITOR, "{}");
            case CREATE_DRAFT -> api.post(one + "/draft", ApiFixture.EDITOR, null);
            case EDIT_DRAFT -> api.put(one + "/draft", ApiFixture.EDITOR,
                    dev.vigil.model.Json.write(Map.of("yaml", yaml(name).replace("message: hi", "message: edited"))));
            case DISCARD_DRAFT -> api.delete(one + "/draft", ApiFixture.EDITOR);
            case ACTIVATE -> api.post(one + "/activate", ApiFixture.EDITOR, null);
            case VIEW -> api.get(one, ApiFixture.VIEWER);
            case DEACTIVATE -> api.post(one + "/deactivate", ApiFixture.EDITOR, null);
            case REACTIVATE -> api.post(one + "/reactivate", ApiFixture.EDITOR, null);
            case DELETE -> api.delete(one, ApiFixture.EDITOR);
        };
    }

    @Test
    void everyActionInEverySituationIsAllowedOrRefusedWithTheState() {
        List<String> wrong = new ArrayList<>();
        Stream.of(Situation.values()).forEach(situation -> Stream.of(Action.values()).forEach(action -> {
            String name = (situation + "-" + action).toLowerCase().replace('_', '-');
            String id = arrange(situation, name);
            ApiFixture.Answer answer = perform(action, id, name);
            boolean allowed = ALLOWED.get(situation).contains(action);
            String state = situation.name().startsWith("ACTIVE") ? "active"
                    : situation.name().startsWith("INACTIVE") ? "inactive" : "draft";
            if (allowed && answer.status() / 100 != 2) {
                wrong.add(situation + " " + action + ": expected allowed, got " + answer.status() + " " + answer.body());
            } else if (!allowed && (answer.status() != 409
                    || !String.valueOf(answer.map().get("message")).contains(state))) {
                wrong.add(situation + " " + action + ": expected 409 naming '" + state + "', got " + answer.status()
                        + " " + answer.body());
            }
        }));
        assertThat(wrong).isEmpty();
    }
}
