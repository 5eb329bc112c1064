package io.seqlearn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code seqlearn} command: one subcommand class per job. */
@Command(name = "seqlearn", mixinStandardHelpOptions = true, version = "seqlearn 0.1.0",
        description = "Deep learning on sequences for the JVM: train, evaluate and run recurrent and attention models.",
        subcommands = {CommandLine.HelpCommand.class, QuickstartCommand.class, TrainCommand.class, EvalCommand.class,
                GenerateCommand.class, ClassifyCommand.class, ForecastCommand.class, TranslateCommand.class, TagCommand.class, InfoCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setExecutionExceptionHandler(new ErrorHandler()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
