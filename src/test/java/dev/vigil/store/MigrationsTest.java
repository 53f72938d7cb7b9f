package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two databases get one schema: their migrations may differ only where the SQL dialects must (the log id
 * column), so a column added to one and forgotten in the other fails here, not in production.
 */
class MigrationsTest {

    private static List<String> statements(String dialect) throws IOException {
        String path = "/db/migration/" + dialect + "/V1__job_store.sql";
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

    @Test
    void sqliteAndPostgresqlMigrationsDefineTheSameSchema() throws IOException {
        List<String> sqlite = statements("sqlite");
        assertThat(statements("postgresql")).containsExactlyElementsOf(sqlite);
        assertThat(sqlite).filteredOn(line -> line.contains("<log id>")).hasSize(1);
    }
}
