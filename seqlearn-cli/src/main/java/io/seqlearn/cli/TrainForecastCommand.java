package io.seqlearn.cli;

import io.seqlearn.tasks.ForecastEval;
import io.seqlearn.tasks.Forecaster;
import io.seqlearn.tasks.RunDirectory;
import io.seqlearn.tasks.RunOptions;
import io.seqlearn.tasks.SeriesTable;
import io.seqlearn.tasks.TaskKind;
import io.seqlearn.tasks.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn train forecast}. */
@Command(name = "forecast", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multi-step forecaster on numeric columns of a CSV file.",
                "The file needs a header row; non-numeric columns (dates) are skipped unless named.",
                "Series are z-scored on the training rows; after training the test part is scored (MSE/MAE standardised and original).",
                "Defaults: LSTM 128 + linear highway, per-window mean normalisation, Adam 1e-3, batch 32, up to 15 epochs (patience 3)."})
public final class TrainForecastCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The series, one row per time step.") Path csv;
    @Option(names = "--target", required = true, paramLabel = "COLS",
            description = "Column(s) to forecast, comma-separated, or 'all' for every feature (multivariate M).") String target;
    @Option(names = "--features", paramLabel = "COLS", description = "Input columns (default: every numeric column). Targets are always inputs.") String features;
    @Option(names = "--lookback", description = "Input window in rows (default: ${DEFAULT-VALUE}).") int lookback = 96;
    @Option(names = "--horizon", description = "Rows to forecast (default: ${DEFAULT-VALUE}).") int horizon = 24;
    @Option(names = "--split", description = "ett-hourly (Informer 12/4/4 months), ett-minutely, or TRAIN,TEST fractions (default: ${DEFAULT-VALUE}).")
    String split = "0.7,0.2";
    @Option(names = "--arch", description = "lstm, gru, rnn or transformer (default: ${DEFAULT-VALUE}).") String arch = "lstm";
    @Option(names = "--hidden", description = "Encoder width.") Integer hidden;
    @Option(names = "--layers", description = "Encoder layers.") Integer layers;
    @Option(names = "--dropout", description = "Dropout rate.") Double dropout;
    @Option(names = "--heads", description = "Attention heads (transformer).") Integer heads;
    @Option(names = "--norm", description = "Per-window level removed before the network: mean, last or none (default: mean).") String norm;
    @Option(names = "--no-skip", description = "Leave out the linear highway from each target's history.") boolean noSkip;

    @Mixin TrainOptions trainOptions;

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        Forecaster.Config c = Forecaster.Config.defaults(arch, lookback, horizon).withSplit(split);
        c = c.withSizes(hidden != null ? hidden : c.hidden(), layers != null ? layers : c.layers());
        if (dropout != null) c = c.withDropout(dropout);
        if (heads != null) c = c.withHeads(heads);
        if (norm != null) c = c.withNorm(norm);
        if (noSkip) c = c.withSkip(false);
        SeriesTable data = SeriesTable.read(csv, SeriesTable.names(target), SeriesTable.names(features));
        TrainSettings s = trainOptions.apply(Forecaster.defaultTraining(), common);
        RunOptions run = trainOptions.run(TaskKind.FORECAST, common, spec.commandLine().getParseResult().originalArgs());
        Forecaster f = Forecaster.train(data, c, s, run);
        ForecastEval test = f.evaluate(data, "test");
        Map<String, Object> result = TrainReport.common(run, f.result());
        result.put("test", ForecastReport.map(test));
        String text = TrainReport.line(f.result()) + "Test: " + ForecastReport.line(test) + "\nModel: "
                + run.dir().resolve(RunDirectory.MODEL_FILE) + "\n";
        RunDirectory.create(run.dir()).writeResult(result);
        Printer.emit(common, result, text);
        return 0;
    }
}
