package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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

    /** The migration files of a dialect, by name ({@code V1__job_store.sql} ...), from the test classpath. */
    static List<String> files(String dialect) {
        URL folder = MigrationsTest.class.getResource("/db/migration/" + dialect);
        assertThat(folder).as("migrations of " + dialect).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".sql")).sorted()
                    .toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the migrations at " + folder, e);
        }
    }

    private static List<String> statements(String dialect, String file) throws IOException {
        String path = "/db/migration/" + dialect + "/" + file;
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
    void bothDatabasesHaveTheSameMigrations() {
        assertThat(files("postgresql")).containsExactlyElementsOf(files("sqlite")).contains("V1__job_store.sql",
                "V3__history.sql");
    }

    @Test
    void sqliteAndPostgresqlMigrationsDefineTheSameSchema() throws IOException {
        for (String file : files("sqlite")) {
            List<String> sqlite = statements("sqlite", file);
            assertThat(statements("postgresql", file)).as(file).containsExactlyElementsOf(sqlite);
        }
        assertThat(statements("sqlite", "V1__job_store.sql")).filteredOn(line -> line.contains("<log id>")).hasSize(1);
    }
}
