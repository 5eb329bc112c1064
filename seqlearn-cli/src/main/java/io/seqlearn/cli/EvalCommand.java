package io.seqlearn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code seqlearn eval TASK}: scores a trained model on labelled data. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = {"Evaluate a trained model on held-out data."},
        subcommands = {EvalLmCommand.class, EvalClassifyCommand.class, EvalForecastCommand.class, EvalTranslateCommand.class, EvalTagCommand.class})
public final class EvalCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }
}
