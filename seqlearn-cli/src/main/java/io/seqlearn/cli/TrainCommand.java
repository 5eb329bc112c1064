package io.seqlearn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code seqlearn train TASK}: one subcommand per recipe. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model for one of the tasks.",
                "Each run writes a directory with the best model file, config.json, history.csv, charts and result.json."},
        subcommands = {TrainLmCommand.class, TrainClassifyCommand.class, TrainForecastCommand.class, TrainTranslateCommand.class, TrainTagCommand.class})
public final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }
}
