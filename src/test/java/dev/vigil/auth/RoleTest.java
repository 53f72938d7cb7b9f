package dev.vigil.auth;

import static dev.vigil.auth.Permission.DECIDE;
import static dev.vigil.auth.Permission.MANAGE_KEYS;
import static dev.vigil.auth.Permission.READ;
import static dev.vigil.auth.Permission.RUN_WORKFLOWS;
import static dev.vigil.auth.Permission.WRITE_WORKFLOWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void theTableOfWhichRoleMayDoWhat() {
        assertThat(Role.ADMIN.permissions()).isEqualTo(EnumSet.allOf(Permission.class));
        assertThat(Role.EDITOR.permissions()).containsExactlyInAnyOrder(READ, WRITE_WORKFLOWS, RUN_WORKFLOWS);
        assertThat(Role.RESPONDER.permissions()).containsExactlyInAnyOrder(READ, RUN_WORKFLOWS, DECIDE);
        assertThat(Role.VIEWER.permissions()).containsExactly(READ);
    }

    @Test
    void onlyAnAdminManagesKeysAndEveryRoleReads() {
        for (Role role : Role.values()) {
            assertThat(role.can(READ)).as(role.id()).isTrue();
            assertThat(role.can(MANAGE_KEYS)).as(role.id()).isEqualTo(role == Role.ADMIN);
        }
    }

    @Test
    void anEditorCannotDecideAndAResponderCannotWriteWorkflows() {
        assertThat(new Principal("k1", "ci", Role.EDITOR).can(DECIDE)).isFalse();
        assertThat(new Principal("k2", "soc", Role.RESPONDER).can(WRITE_WORKFLOWS)).isFalse();
        assertThat(new Principal("k2", "soc", Role.RESPONDER).can(DECIDE)).isTrue();
        assertThat(new Principal("k3", "board", Role.VIEWER).can(RUN_WORKFLOWS)).isFalse();
    }

    @Test
    void rolesAreNamedInLowerCaseAndParsedInAnyCase() {
        assertThat(Role.RESPONDER.id()).isEqualTo("responder");
        assertThat(Role.parse(" Editor ")).isEqualTo(Role.EDITOR);
        assertThatThrownBy(() -> Role.parse("root")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown role 'root'; roles are admin, editor, responder, viewer");
    }

    @Test
    void aPrincipalIsRecordedAsItsKeyId() {
        assertThat(new Principal("0123456789ab", "alice", Role.VIEWER).actor()).isEqualTo("apikey:0123456789ab");
    }
}
