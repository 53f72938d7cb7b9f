package dev.vigil.workflows;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** Unified diffs between two versions' YAML, three lines of context, as {@code diff -u} prints them. */
final class Diffs {

    private static final int CONTEXT = 3;

    private Diffs() {
    }

    static String unified(WorkflowVersion from, WorkflowVersion to) {
        List<String> before = from.source().lines().toList();
        List<String> after = to.source().lines().toList();
        Patch<String> patch = DiffUtils.diff(before, after);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(label(from), label(to), before, patch, CONTEXT);
        return String.join("\n", lines) + "\n";
    }

    private static String label(WorkflowVersion version) {
        return version.workflowId() + " version " + version.number();
    }
}
