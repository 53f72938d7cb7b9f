package dev.vigil.steps.console;

import dev.vigil.model.Json;
import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepInvocation;

/**
 * {@code console}: logs {@code with.message} at info level; the output is the rendered message itself, a string
 * for {@code {{ }}} templates or the typed value of a whole {@code ${{ }}} (structures are logged as JSON).
 */
public final class ConsoleStep implements StepAction {

    public static final String TYPE = "console";

    public static StepDefinition definition() {
        return StepDefinition.of(TYPE, "Logs a message; output = the rendered message", new ConsoleStep(), "message");
    }

    @Override
    public Object run(StepInvocation call) {
        Object message = call.with().get("message");
        call.log("info", switch (message) {
            case null -> "";
            case String text -> text;
            default -> Json.write(message);
        });
        return message;
    }
}
