package dev.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook master key: created once, owner-only, reused; or given by the environment for several nodes. */
class MasterKeyTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartCreatesAnOwnerOnlyFileAndLaterStartsReuseIt() throws Exception {
        MasterKey first = MasterKey.load(Map.of(), dir);
        Path file = dir.resolve(MasterKey.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32).isEqualTo(first.bytes());
        assertThat(MasterKey.load(Map.of(), dir).bytes()).isEqualTo(first.bytes());
        assertThat(first.message()).contains(file.toAbsolutePath().toString()).contains(MasterKey.ENV);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file is left").containsExactly(file);
        }
    }

    @Test
    void theEnvironmentGivesTheKeySharedByNodesAndNoFileIsWritten() {
        byte[] key = new byte[40];
        key[0] = 42;
        MasterKey given = MasterKey.load(Map.of(MasterKey.ENV, Base64.getEncoder().encodeToString(key)), dir);
        assertThat(given.bytes()).isEqualTo(key);
        assertThat(dir.resolve(MasterKey.FILE)).doesNotExist();
        assertThat(given.message()).contains("the value of " + MasterKey.ENV);
    }

    @Test
    void aShortOrMalformedKeyIsRefusedWithHowToMakeOne() throws Exception {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MasterKey.load(Map.of(MasterKey.ENV, shortKey), dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> MasterKey.load(Map.of(MasterKey.ENV, "not base64 at all!"), dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(MasterKey.ENV);
        Files.writeString(dir.resolve(MasterKey.FILE), shortKey);
        assertThatThrownBy(() -> MasterKey.load(Map.of(), dir)).hasMessageContaining(MasterKey.FILE);
    }
}
