package dev.vigil.parse;

import dev.vigil.model.Position;

/**
 * One validation problem of a workflow document.
 *
 * @param code     stable kebab-case id ({@code yaml-syntax}, {@code unknown-step-type}, ...), see docs/format.md
 * @param path     where in the document, {@code steps[3].with.url} style; {@code ""} for the document itself
 * @param position 1-based line and column in the parsed text, {@link Position#NONE} when unknown
 * @param message  what is wrong and what is expected, naming the bad value
 */
public record Problem(String code, String path, Position position, String message) {

    public Problem {
        path = path == null ? "" : path;
        position = position == null ? Position.NONE : position;
    }

    /** {@code FILE:LINE:COL: message (path)}, or {@code FILE: message (path)} when the position is unknown. */
    public String format(String file) {
        String where = position.known() ? file + ":" + position.line() + ":" + position.column() : file;
        return where + ": " + message + (path.isEmpty() ? "" : " (" + path + ")");
    }
}
