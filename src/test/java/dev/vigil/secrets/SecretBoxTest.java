package dev.vigil.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @TempDir
    Path dir;

    @Test
    void sealsWithAFreshNonceAndOpensOnlyWithTheSameKeyAndPlace() {
        SecretBox box = SecretBox.load(Map.of(), dir);
        String a = box.seal("xoxb-123-secret", "connector c1/token");
        String b = box.seal("xoxb-123-secret", "connector c1/token");
        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("xoxb");
        assertThat(box.open(a, "connector c1/token")).isEqualTo("xoxb-123-secret");

        assertThatThrownBy(() -> box.open(a, "connector c2/token")).isInstanceOf(SecretBox.SecretUnreadable.class)
                .hasMessageContaining("connector c2/token").hasMessageNotContaining("xoxb");
        SecretBox other = SecretBox.of(new byte[32]);
        assertThatThrownBy(() -> other.open(a, "connector c1/token")).hasMessageContaining("not the one it was sealed");
        String tampered = a.substring(0, a.length() - 4) + (a.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> box.open(tampered, "connector c1/token")).isInstanceOf(SecretBox.SecretUnreadable.class);
    }

    @Test
    void theKeyFileIsCreatedOnceOwnerOnlyAndTheEnvironmentWins() throws Exception {
        SecretBox first = SecretBox.load(Map.of(), dir);
        Path file = dir.resolve(SecretBox.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String sealed = first.seal("value-1234", "c/x");
        assertThat(SecretBox.load(Map.of(), dir).open(sealed, "c/x")).isEqualTo("value-1234");
        assertThat(first.message()).contains(file.toAbsolutePath().toString()).contains(SecretBox.ENV);

        String key = Base64.getEncoder().encodeToString(new byte[32]);
        SecretBox fromEnv = SecretBox.load(Map.of(SecretBox.ENV, key), dir.resolve("other"));
        assertThat(dir.resolve("other").resolve(SecretBox.FILE)).doesNotExist();
        assertThat(SecretBox.of(new byte[32]).open(fromEnv.seal("abc", "p"), "p")).isEqualTo("abc");
        assertThatThrownBy(() -> SecretBox.load(Map.of(SecretBox.ENV, "c2hvcnQ="), dir))
                .hasMessageContaining("at least 32 are needed");
    }
}
