package dev.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code vigil} command line. Sub-commands are registered here, in one place. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil 0.1.0",
        description = "Vigil: security automation that runs Elastic Workflows YAML.",
        subcommands = {ValidateCommand.class, RunCommand.class, WorkerCommand.class, ServerCommand.class, CommandLine.HelpCommand.class})
public final class VigilCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new VigilCommand()).execute(args));
    }
}
