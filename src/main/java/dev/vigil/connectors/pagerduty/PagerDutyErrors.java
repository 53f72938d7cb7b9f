package dev.vigil.connectors.pagerduty;

import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty's errors put the reason in a list beside a generic message: REST {@code {error: {message: "Invalid
 * Input Provided", errors: ["Service not found"]}}}, Events {@code {message: "Event object is invalid", errors:
 * [...]}}. The shared client quotes the message only; this adds the list, which is what tells a person what to fix.
 */
final class PagerDutyErrors {

    private PagerDutyErrors() {
    }

    static ConnectorHttp.Response send(ConnectorHttp.Request request) throws StepFailure {
        try {
            return request.send();
        } catch (StepFailure failure) {
            throw complete(failure);
        }
    }

    static StepFailure complete(StepFailure failure) {
        if (failure.details() == null || !(failure.details().get("data") instanceof Map<?, ?> body)) {
            return failure;
        }
        Map<?, ?> error = body.get("error") instanceof Map<?, ?> nested ? nested : body;
        if (!(error.get("errors") instanceof List<?> reasons) || reasons.isEmpty()) {
            return failure;
        }
        List<String> texts = new ArrayList<>();
        reasons.forEach(r -> texts.add(String.valueOf(r)));
        return new StepFailure(failure.type(), failure.getMessage() + " (" + KnownSecrets.redact(String.join("; ",
                texts)) + ")", failure.details(), failure.extra());
    }
}
