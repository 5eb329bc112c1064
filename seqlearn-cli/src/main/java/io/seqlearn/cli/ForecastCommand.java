package io.seqlearn.cli;

import io.seqlearn.io.AtomicFiles;
import io.seqlearn.plot.ForecastPlot;
import io.seqlearn.tasks.Forecast;
import io.seqlearn.tasks.Forecaster;
import io.seqlearn.tasks.SeriesTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn forecast}. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = {"Forecast the next rows of a series with a trained forecaster.",
                "Writes forecast.csv and, per target, a PNG of the input window, the forecast and (where the file has",
                "them) the actual values."})
public final class ForecastCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Forecaster model file (or run directory).") Path model;
    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The series (same columns as in training).") Path csv;
    @Option(names = "--at", paramLabel = "ROW",
            description = "Forecast the rows from this 0-based data row on, from the lookback rows before it (default: after the last row).")
    Integer at;
    @Option(names = "--out", paramLabel = "DIR", description = "Where to write forecast.csv and the PNGs (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("forecast");

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        Forecaster f = Forecaster.load(model);
        SeriesTable data = SeriesTable.read(csv, f.inputs(), f.targets());
        Forecast fc = f.forecast(data, at != null ? at : data.rows());
        Files.createDirectories(out);
        Path table = out.resolve("forecast.csv");
        byte[] bytes = csv(fc).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(table, o -> o.write(bytes));
        List<String> pngs = new ArrayList<>();
        for (int j = 0; j < Math.min(fc.targets().size(), 16); j++) {
            Path png = out.resolve("forecast_" + fc.targets().get(j).replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
            ForecastPlot.save(png, fc.targets().get(j) + ": forecast vs actual from row " + fc.fromRow() + " (t = 0 is row "
                    + (fc.fromRow() - fc.history().length) + ")", series(fc, j), column(fc.predicted(), j), fc.history().length);
            pngs.add(png.toString());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("from_row", fc.fromRow());
        result.put("targets", fc.targets());
        result.put("predicted", fc.predicted());
        result.put("csv", table.toString());
        result.put("charts", pngs);
        Printer.emit(common, result, "Forecast of " + fc.predicted().length + " rows from row " + fc.fromRow() + " written to "
                + table + (pngs.isEmpty() ? "" : " and " + String.join(", ", pngs)));
        return 0;
    }

    /** row, then target_forecast and target_actual per target; a missing actual is empty. */
    private static String csv(Forecast fc) {
        StringBuilder sb = new StringBuilder("row");
        for (String t : fc.targets()) sb.append(',').append(t).append("_forecast,").append(t).append("_actual");
        sb.append('\n');
        for (int i = 0; i < fc.predicted().length; i++) {
            sb.append(fc.fromRow() + i);
            for (int j = 0; j < fc.targets().size(); j++) {
                double a = fc.actual()[i][j];
                sb.append(',').append(fc.predicted()[i][j]).append(',').append(Double.isNaN(a) ? "" : Double.toString(a));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The input window followed by the actual values (NaN where unknown). */
    private static double[] series(Forecast fc, int j) {
        int l = fc.history().length, h = fc.actual().length;
        double[] out = new double[l + h];
        for (int i = 0; i < l; i++) out[i] = fc.history()[i][j];
        for (int i = 0; i < h; i++) out[l + i] = fc.actual()[i][j];
        return out;
    }

    private static double[] column(double[][] m, int j) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) out[i] = m[i][j];
        return out;
    }
}
