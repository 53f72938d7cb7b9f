package dev.vigil.auth;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold a secret (the first admin key, the webhook master key): readable by the owner only, and never
 * half-written where another reader could see them.
 */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /**
     * Creates the file with mode 0600 from the start (not written and then restricted, which would leave a moment
     * in which others may open it). Returns false where POSIX permissions do not exist (Windows): the file is then
     * written with the folder's default access, and the caller must say so.
     */
    public static boolean write(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, ownerOnly); // in case a umask or ACL changed what createFile set
            return true;
        }
        Files.writeString(file, text);
        return false;
    }

    /** Moves a fully written file into place, atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Puts a fully written file at {@code to} only if nothing is there yet (a hard link is created or fails as one
     * step), so two processes creating the same secret at once agree on the first one. Returns false when
     * {@code to} existed; {@code from} is left for the caller to delete either way.
     */
    public static boolean placeIfAbsent(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            if (Files.exists(to)) {
                return false;
            }
            move(from, to); // no hard links here: a race between two first starts is then the operator's problem
            return true;
        }
    }
}
