package dev.vigil.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsOneOrSeveralConnectorsWithSecretsFromTheEnvironmentAndFiles() throws Exception {
        Files.writeString(dir.resolve("webhook-secret"), "s3cret-from-file\n");
        Path one = dir.resolve("one.yaml");
        Files.writeString(one, """
                name: echo
                type: http
                config: {baseUrl: "https://api.example.com", auth: bearer}
                secrets:
                  token: {env: ECHO_TOKEN}
                """);
        assertThat(ConnectorFiles.read(one, Map.of("ECHO_TOKEN", "tok-from-env"))).singleElement()
                .satisfies(c -> {
                    assertThat(c.name()).isEqualTo("echo");
                    assertThat(c.config()).containsEntry("auth", "bearer");
                    assertThat(c.secrets()).containsEntry("token", "tok-from-env");
                });
        Path several = dir.resolve("several.yml");
        Files.writeString(several, """
                connectors:
                  - {name: a, type: http, config: {baseUrl: "https://a.example"}}
                  - name: b
                    type: http
                    config: {baseUrl: "https://b.example", auth: header, header: X-Key}
                    secrets: {apiKey: {file: %s}}
                """.formatted(dir.resolve("webhook-secret")));
        List<ConnectorInput> inputs = ConnectorFiles.read(several, Map.of());
        assertThat(inputs).extracting(ConnectorInput::name).containsExactly("a", "b");
        assertThat(inputs.get(1).secrets()).containsEntry("apiKey", "s3cret-from-file");
    }

    @Test
    void mistakesSayFileWhereAndWhy() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\ntype: http\nconfig: {baseUrl: [\n");
        assertThatThrownBy(() -> ConnectorFiles.read(bad, Map.of())).hasMessageContaining("bad.yaml:")
                .hasMessageContaining("not valid YAML");

        Files.writeString(bad, "name: x\ntype: http\nsecrets: {token: {env: NOPE}}\n");
        assertThatThrownBy(() -> ConnectorFiles.read(bad, Map.of())).hasMessageContaining("secrets.token")
                .hasMessageContaining("NOPE is not set");

        Files.writeString(bad, "name: x\ntype: http\nsecret: {}\n");
        assertThatThrownBy(() -> ConnectorFiles.read(bad, Map.of())).hasMessageContaining("'secret' is not a connector field");

        Files.writeString(bad, "name: x\ntype: http\nsecrets: {token: 42}\n");
        assertThatThrownBy(() -> ConnectorFiles.read(bad, Map.of()))
                .hasMessageContaining("must be a string, {env: VARIABLE} or {file: PATH}");
    }
}
