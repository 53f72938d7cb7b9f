package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two databases get one schema: their migrations may differ only where the SQL dialects must (the log id
 * column), so a column added to one and forgotten in the other fails here, not in production.
 */
class MigrationsTest {

    private static List<String> statements(String dialect, String migration) throws IOException {
        String path = "/db/migration/" + dialect + "/" + migration;
        try (InputStream in = MigrationsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(line -> line.replaceAll("--.*$", "").strip())
                    .filter(line -> !line.isEmpty())
                    .map(line -> line.replace("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "<log id>")
                            .replace("INTEGER PRIMARY KEY", "<log id>"))
                    .toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1__job_store.sql", "V2__workflows.sql"})
    void sqliteAndPostgresqlMigrationsDefineTheSameSchema(String migration) throws IOException {
        List<String> sqlite = statements("sqlite", migration);
        assertThat(statements("postgresql", migration)).containsExactlyElementsOf(sqlite);
    }

    @Test
    void theLogIdColumnIsTheOneDifference() throws IOException {
        assertThat(statements("sqlite", "V1__job_store.sql")).filteredOn(line -> line.contains("<log id>")).hasSize(1);
    }
}
