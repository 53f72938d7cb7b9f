package dev.vigil.steps.console;

import static dev.vigil.steps.FakeInvocation.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.steps.FakeInvocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleStepTest {

    @Test
    void logsTheMessageAndOutputsIt() {
        FakeInvocation call = FakeInvocation.with(map("message", "hello 42"));
        assertThat(new ConsoleStep().run(call)).isEqualTo("hello 42");
        assertThat(call.logs()).containsExactly("info: hello 42");
    }

    @Test
    void aTypedMessageKeepsItsTypeAndIsLoggedAsJson() {
        FakeInvocation call = FakeInvocation.with(map("message", map("a", List.of(1, 2))));
        assertThat(new ConsoleStep().run(call)).isEqualTo(map("a", List.of(1, 2)));
        assertThat(call.logs()).containsExactly("info: {\"a\":[1,2]}");
    }

    @Test
    void aNumberIsOutputAsANumber() {
        assertThat(new ConsoleStep().run(FakeInvocation.with(map("message", 5)))).isEqualTo(5L);
    }

    @Test
    void aMissingMessageLogsAnEmptyLineAndOutputsNull() {
        FakeInvocation call = FakeInvocation.withNothing();
        assertThat(new ConsoleStep().run(call)).isNull();
        assertThat(call.logs()).containsExactly("info: ");
    }

    @Test
    void definitionRequiresMessage() {
        assertThat(ConsoleStep.definition().type()).isEqualTo("console");
        assertThat(ConsoleStep.definition().requiredWith()).containsExactly("message");
        assertThat(ConsoleStep.definition().external()).isFalse();
    }
}
