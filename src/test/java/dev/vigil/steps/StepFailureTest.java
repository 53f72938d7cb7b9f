package dev.vigil.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepFailureTest {

    @Test
    void serialisesTypeMessageAndDetails() {
        StepFailure failure = new StepFailure("HttpRequestError", "HTTP 500", Map.of("status", 500L));
        assertThat(failure.toValue()).isEqualTo(Map.of("type", "HttpRequestError", "message", "HTTP 500",
                "details", Map.of("status", 500L)));
        assertThat(failure.extra()).isEmpty();
    }

    @Test
    void plainFailuresAreOfTypeError() {
        assertThat(new StepFailure("bad").toValue()).isEqualTo(Map.of("type", "Error", "message", "bad"));
    }

    @Test
    void extraFieldsGoToTheTopButNeverReplaceTheCoreOnes() {
        StepFailure failure = new StepFailure("HttpRequestError", "HTTP 404", Map.of("status", 404L),
                new java.util.LinkedHashMap<>(Map.of("status", 404L, "type", "Other")));
        Map<String, Object> value = failure.toValue();
        assertThat(value).containsEntry("status", 404L).containsEntry("type", "HttpRequestError");
        assertThat(List.copyOf(value.keySet())).containsExactly("type", "message", "status", "details");
    }
}
