package io.seqlearn.cli;

import io.seqlearn.tasks.ForecastEval;
import io.seqlearn.tasks.Forecaster;
import io.seqlearn.tasks.SeriesTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn eval forecast}. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "MSE and MAE of a forecaster, on the standardised scale (as papers report) and in the data's own units.")
public final class EvalForecastCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Forecaster model file (or run directory).") Path model;
    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "CSV with the columns the model was trained on.") Path csv;
    @Option(names = "--part", description = "test, val or train under the model's split, or all windows of the file (default: ${DEFAULT-VALUE}).")
    String part = "test";

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        Forecaster f = Forecaster.load(model);
        ForecastEval e = f.evaluate(SeriesTable.read(csv, f.inputs(), f.targets()), part);
        Map<String, Object> result = ForecastReport.map(e);
        result.put("part", part);
        result.put("horizon", f.config().horizon());
        result.put("lookback", f.config().lookback());
        Printer.emit(common, result, ForecastReport.line(e));
        return 0;
    }
}
