package dev.vigil.cli;

import dev.vigil.Vigil;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.model.Workflow;
import dev.vigil.parse.ParseResult;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Reading workflow files, and finding sibling files for {@code workflow.execute} in local runs. */
final class WorkflowFiles {

    /** Files larger than the format's document limit are refused before parsing. */
    static final long MAX_BYTES = 4L * 1_048_576;

    private WorkflowFiles() {
    }

    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    static String read(Path file) throws Unreadable {
        try {
            if (!Files.isRegularFile(file)) {
                throw new Unreadable("no such file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new Unreadable("file is " + Files.size(file) + " bytes; a workflow is at most 1 MiB of text");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new Unreadable("not UTF-8 text");
        } catch (IOException e) {
            throw new Unreadable("cannot read: " + e.getMessage());
        }
    }

    /**
     * Resolves a child workflow id against the files beside {@code file}: {@code <id>.yaml}/{@code .yml}, else a
     * valid workflow in that folder whose {@code name} is the id.
     */
    static WorkflowResolver siblings(Path file, Vigil vigil) {
        Path folder = file.toAbsolutePath().getParent();
        return id -> {
            for (String ext : new String[] {".yaml", ".yml"}) {
                Optional<Workflow> byId = load(folder.resolve(id + ext), vigil);
                if (byId.isPresent()) {
                    return byId;
                }
            }
            try (Stream<Path> files = Files.list(folder)) {
                return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .map(p -> load(p, vigil)).flatMap(Optional::stream)
                        .filter(w -> w.name().equals(id)).findFirst();
            } catch (IOException e) {
                return Optional.empty();
            }
        };
    }

    private static Optional<Workflow> load(Path path, Vigil vigil) {
        try {
            ParseResult result = vigil.parser().parse(read(path));
            return result.valid() ? Optional.of(result.workflow()) : Optional.empty();
        } catch (Unreadable e) {
            return Optional.empty();
        }
    }
}
