package dev.vigil.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void aCopyTakesTheFirstFreeNumber() {
        assertThat(Names.copyOf("triage", Set.of()::contains)).isEqualTo("triage (copy)");
        assertThat(Names.copyOf("triage", Set.of("triage (copy)", "triage (copy 2)")::contains))
                .isEqualTo("triage (copy 3)");
    }

    @Test
    void renamingRewritesOnlyTheTopLevelNameLineAndKeepsTheRest() {
        String yaml = """
                # enrich: keep this comment
                name: triage # the old name
                steps:
                  - name: hello
                    type: console
                    with: {message: hi}
                triggers: [{type: manual}]
                """;
        String renamed = Names.rename("triage", yaml, "it's \"triage\": #2 (copy)");
        assertThat(renamed).startsWith("# enrich: keep this comment\nname: \"it's \\\"triage\\\": #2 (copy)\"\nsteps:")
                .contains("  - name: hello");
        assertThat(Vigil.standard().parser().parse(renamed).workflow().name()).isEqualTo("it's \"triage\": #2 (copy)");
    }

    @Test
    void yamlWithoutANameLineCannotBeRenamed() {
        assertThatThrownBy(() -> Names.rename("x", "{name: a, steps: []}", "b")).isInstanceOf(WorkflowInvalid.class)
                .hasMessage("cannot rename workflow 'x': its YAML has no top-level 'name:' line");
    }
}
