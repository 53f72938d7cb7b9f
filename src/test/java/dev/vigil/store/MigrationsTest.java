package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The two databases get one schema: their migrations may differ only where the SQL dialects must (the log id
 * column), so a column added to one and forgotten in the other fails here, not in production.
 */
class MigrationsTest {

    /** The migration files of a dialect, by name (V1__job_store.sql, ...), sorted. */
    static List<String> migrations(String dialect) throws IOException {
        URL folder = MigrationsTest.class.getResource("/db/migration/" + dialect);
        assertThat(folder).as("db/migration/" + dialect).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".sql")).sorted()
                    .toList();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> statements(String dialect, String migration) throws IOException {
        Path file;
        try {
            file = Path.of(MigrationsTest.class.getResource("/db/migration/" + dialect + "/" + migration).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return Files.readString(file).lines()
                .map(line -> line.replaceAll("--.*$", "").strip())
                .filter(line -> !line.isEmpty())
                .map(line -> line.replace("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "<log id>")
                        .replace("INTEGER PRIMARY KEY", "<log id>"))
                .toList();
    }

    @Test
    void sqliteAndPostgresqlMigrationsDefineTheSameSchema() throws IOException {
        List<String> sqlite = statements("sqlite", "V1__job_store.sql");
        assertThat(statements("postgresql", "V1__job_store.sql")).containsExactlyElementsOf(sqlite);
        assertThat(sqlite).filteredOn(line -> line.contains("<log id>")).hasSize(1);
    }

    @Test
    void everyMigrationExistsForBothDatabasesWithTheSameStatements() throws IOException {
        List<String> sqlite = migrations("sqlite");
        assertThat(migrations("postgresql")).containsExactlyElementsOf(sqlite);
        assertThat(sqlite).contains("V1__job_store.sql", "V4__api_keys.sql", "V5__webhooks.sql");
        for (String migration : sqlite) {
            assertThat(statements("postgresql", migration)).as(migration)
                    .containsExactlyElementsOf(statements("sqlite", migration));
        }
    }
}
