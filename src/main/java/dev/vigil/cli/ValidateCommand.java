package dev.vigil.cli;

import dev.vigil.Vigil;
import dev.vigil.parse.ParseResult;
import dev.vigil.parse.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vigil validate FILE...}: every problem as {@code FILE:LINE:COL: message}; exit 0 when all are valid, 2 otherwise. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check workflow files; prints FILE:LINE:COL: message for each problem.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "workflow YAML files")
    List<Path> files;

    @Override
    public Integer call() {
        Vigil vigil = Vigil.standard();
        int invalid = 0;
        for (Path file : files) {
            String label = file.toString();
            String text;
            try {
                text = WorkflowFiles.read(file);
            } catch (WorkflowFiles.Unreadable e) {
                System.out.println(label + ": " + e.getMessage());
                invalid++;
                continue;
            }
            ParseResult result = vigil.parser().parse(text);
            for (Problem problem : result.problems()) {
                System.out.println(problem.format(label));
            }
            if (!result.valid()) {
                invalid++;
            }
        }
        System.err.println(files.size() - invalid + " valid, " + invalid + " invalid");
        return invalid == 0 ? 0 : 2;
    }
}
