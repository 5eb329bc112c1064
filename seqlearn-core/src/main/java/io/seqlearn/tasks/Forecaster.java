package io.seqlearn.tasks;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.data.DataFormatException;
import io.seqlearn.data.series.DataSplit;
import io.seqlearn.data.series.RowRange;
import io.seqlearn.data.series.Scaler;
import io.seqlearn.data.series.StandardScaler;
import io.seqlearn.data.series.TimeSeriesWindows;
import io.seqlearn.io.ModelFile;
import io.seqlearn.io.ModelFileContents;
import io.seqlearn.tasks.nets.ForecastNet;
import io.seqlearn.tensor.Backends;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Time-series forecasting recipe: uni- or multivariate inputs, K target series, direct multi-step output
 * ({@link ForecastNet}: LSTM/GRU/RNN encoder or Transformer, plus a linear highway and per-window level
 * normalisation). Series are z-scored with a {@link StandardScaler} fitted on the training rows only; errors
 * are reported on that standardised scale (as the ETT papers do) and in the data's own units.
 *
 * <pre>{@code
 * SeriesTable t = SeriesTable.read(Path.of("ETTh1.csv"), List.of("all"), null);        // 7 → 7 ("M")
 * Forecaster f = Forecaster.train(t, Forecaster.Config.defaults("lstm", 96, 96).withSplit("ett-hourly"),
 *         Forecaster.defaultTraining(), RunOptions.quiet());
 * ForecastEval e = f.evaluate(t, "test");
 * }</pre>
 *
 * <p>Defaults: one LSTM layer of 128, dropout 0.1, mean normalisation, linear highway; Adam 1e-3, batch 32,
 * up to 15 epochs, early stop after 3 without validation gain, learning rate halved when validation stalls.
 * Split: {@code ett-hourly} (Informer's 12/4/4 months), {@code ett-minutely}, or {@code TRAIN,TEST} fractions
 * (default 0.7,0.2 as Autoformer; validation is the rest).
 */
public final class Forecaster {
    /** The recipe's options. */
    public record Config(String arch, int lookback, int horizon, int hidden, int layers, double dropout, int heads,
                         String norm, boolean skip, String split) {
        public Config {
            arch = arch.toLowerCase(Locale.ROOT);
            norm = norm.toLowerCase(Locale.ROOT);
            if (!List.of("lstm", "gru", "rnn", "transformer").contains(arch)) {
                throw new IllegalArgumentException("unknown architecture '" + arch + "'; expected lstm, gru, rnn or transformer");
            }
            if (!List.of("mean", "last", "none").contains(norm)) {
                throw new IllegalArgumentException("unknown normalisation '" + norm + "'; expected mean, last or none");
            }
            if (lookback < 1 || horizon < 1) {
                throw new IllegalArgumentException("forecast: lookback and horizon must be >= 1, got " + lookback + " and " + horizon);
            }
            if (hidden < 1 || layers < 1 || heads < 1) throw new IllegalArgumentException("forecast: sizes must be >= 1");
            if (arch.equals("transformer") && hidden % heads != 0) {
                throw new IllegalArgumentException("forecast: hidden " + hidden + " must be divisible by heads " + heads);
            }
        }

        public static Config defaults(String arch, int lookback, int horizon) {
            if (arch.equalsIgnoreCase("transformer")) return new Config(arch, lookback, horizon, 64, 2, 0.1, 4, "mean", true, "0.7,0.2");
            return new Config(arch, lookback, horizon, 128, 1, 0.1, 4, "mean", true, "0.7,0.2");
        }

        public Config withSizes(int hid, int lay) { return new Config(arch, lookback, horizon, hid, lay, dropout, heads, norm, skip, split); }
        public Config withDropout(double v) { return new Config(arch, lookback, horizon, hidden, layers, v, heads, norm, skip, split); }
        public Config withHeads(int v) { return new Config(arch, lookback, horizon, hidden, layers, dropout, v, norm, skip, split); }
        public Config withNorm(String v) { return new Config(arch, lookback, horizon, hidden, layers, dropout, heads, v, skip, split); }
        public Config withSkip(boolean v) { return new Config(arch, lookback, horizon, hidden, layers, dropout, heads, norm, v, split); }
        public Config withSplit(String v) { return new Config(arch, lookback, horizon, hidden, layers, dropout, heads, norm, skip, v); }
    }

    /** Adam 1e-3, batch 32, 15 epochs, patience 3, plateau halving, clip 5. */
    public static TrainSettings defaultTraining() {
        return TrainSettings.adam(1e-3).withBatchSize(32).withEpochs(15).withPatience(3).withPlateauFactor(0.5);
    }

    private final Config config;
    private final List<String> inputs;
    private final int[] targets;
    private final StandardScaler scaler;
    private final ForecastNet net;
    private Map<String, Object> training = Map.of();
    private TrainResult result;

    private Forecaster(Config config, List<String> inputs, int[] targets, StandardScaler scaler, ForecastNet net) {
        this.config = config;
        this.inputs = List.copyOf(inputs);
        this.targets = targets.clone();
        this.scaler = scaler;
        this.net = net;
    }

    /** Fits the scaler on the training rows of {@code data}'s split, trains and (with a run directory) saves. */
    public static Forecaster train(SeriesTable data, Config c, TrainSettings s, RunOptions run) {
        DataSplit split = split(data, c);
        StandardScaler scaler = StandardScaler.fit(data.values(), split.train());
        double[][] scaled = scaler.transform(data.values());
        TimeSeriesWindows train = windows(data, scaled, split.train(), c);
        TimeSeriesWindows val = windows(data, scaled, split.val(), c);
        ForecastNet.Config nc = new ForecastNet.Config(c.arch(), data.inputs().size(), data.targets(), c.lookback(), c.horizon(),
                c.hidden(), c.layers(), c.dropout(), c.heads(), c.norm(), c.skip());
        Forecaster f = new Forecaster(c, data.inputs(), data.targets(), scaler, new ForecastNet(nc, new Rng(s.seed())));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("file", data.file() == null ? null : data.file().toString());
        info.put("rows", data.rows());
        info.put("inputs", data.inputs());
        info.put("targets", data.targetNames());
        info.put("train_rows", split.train().toString());
        info.put("valid_rows", split.val().toString());
        info.put("test_rows", split.test().toString());
        info.put("train_windows", train.size());
        info.put("valid_windows", val.size());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("task", TaskKind.FORECAST.id());
        config.put("recipe", c);
        config.put("data", info);
        f.training = RecipeRun.summary(s, null, info);
        f.result = RecipeRun.train(new ForecastFitting(f.net, train, val, s.batchSize()), s, run, config, f::save);
        f.training = RecipeRun.summary(s, f.result, info);
        if (run.dir() != null) RecipeRun.saveFinal(f::save, run.dir());
        return f;
    }

    /** The train/validation/test rows of {@code data} under the config's split; errors name the file. */
    static DataSplit split(SeriesTable data, Config c) {
        int rows = data.rows();
        if (c.lookback() + c.horizon() > rows) {
            throw new DataFormatException(data.file(), 0, "lookback " + c.lookback() + " + horizon " + c.horizon()
                    + " needs " + (c.lookback() + c.horizon()) + " rows; the series has " + rows);
        }
        try {
            DataSplit s = switch (c.split().toLowerCase(Locale.ROOT)) {
                case "ett-hourly", "ett" -> DataSplit.ettHourly(c.lookback());
                case "ett-minutely" -> DataSplit.ettMinutely(c.lookback());
                default -> fractions(c.split(), rows, c.lookback());
            };
            s.checkFits(rows);
            for (RowRange r : List.of(s.train(), s.val(), s.test())) {
                if (r.length() < c.lookback() + c.horizon()) {
                    throw new IllegalArgumentException("split " + c.split() + " gives a part of " + r.length() + " rows " + r
                            + ", shorter than lookback + horizon = " + (c.lookback() + c.horizon()));
                }
            }
            return s;
        } catch (DataFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(data.file(), 0, e.getMessage());
        }
    }

    private static DataSplit fractions(String spec, int rows, int lookback) {
        String[] p = spec.split(",");
        if (p.length != 2) throw new IllegalArgumentException("--split must be ett-hourly, ett-minutely or TRAIN,TEST fractions, got '" + spec + "'");
        return DataSplit.fractions(rows, Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip()), lookback);
    }

    private static TimeSeriesWindows windows(SeriesTable data, double[][] scaled, RowRange range, Config c) {
        return TimeSeriesWindows.of(scaled, range, TimeSeriesWindows.Options.of(c.lookback(), c.horizon()).withTargetColumns(data.targets()));
    }

    /**
     * Errors over every window of a part of {@code data}: "test", "val" or "train" under the model's split, or
     * "all" windows of the file.
     */
    public ForecastEval evaluate(SeriesTable data, String part) {
        RowRange range = switch (part.toLowerCase(Locale.ROOT)) {
            case "all" -> {
                if (config.lookback() + config.horizon() > data.rows()) {
                    throw new DataFormatException(data.file(), 0, "lookback " + config.lookback() + " + horizon " + config.horizon()
                            + " needs " + (config.lookback() + config.horizon()) + " rows; the series has " + data.rows());
                }
                yield new RowRange(0, data.rows());
            }
            case "test" -> split(data, config).test();
            case "val", "valid" -> split(data, config).val();
            case "train" -> split(data, config).train();
            default -> throw new IllegalArgumentException("forecast: part must be test, val, train or all, got '" + part + "'");
        };
        TimeSeriesWindows w = windows(data, scaler.transform(data.values()), range, config);
        return ForecastMetrics.of(net, w, scaler.select(targets));
    }

    /**
     * Forecasts the {@code horizon} rows after row {@code end} (exclusive) of {@code data} from the
     * {@code lookback} rows before it; {@code end} = rows forecasts past the end of the file.
     */
    public Forecast forecast(SeriesTable data, int end) {
        int l = config.lookback(), h = config.horizon(), k = targets.length, f = inputs.size();
        if (end < l || end > data.rows()) {
            throw new DataFormatException(data.file(), 0, "a forecast from row " + end + " needs rows " + (end - l) + ".."
                    + (end - 1) + " (lookback " + l + "); the series has " + data.rows() + " rows");
        }
        double[][] scaled = scaler.transform(Arrays.copyOfRange(data.values(), end - l, end));
        float[] x = new float[l * f];
        for (int t = 0; t < l; t++) for (int j = 0; j < f; j++) x[t * f + j] = (float) scaled[t][j];
        Tensor y;
        net.train(false);
        try (var g = GradMode.disabled()) {
            y = net.forward(Tensor.wrap(x, Backends.defaultBackend(), 1, l, f));
        }
        Scaler ts = scaler.select(targets);
        double[][] pred = new double[h][k], actual = new double[h][k], hist = new double[l][k];
        for (int t = 0; t < h; t++) {
            for (int j = 0; j < k; j++) {
                pred[t][j] = ts.inverseTransform(y.get(0, t, j), j);
                actual[t][j] = end + t < data.rows() ? data.values()[end + t][targets[j]] : Double.NaN;
            }
        }
        for (int t = 0; t < l; t++) for (int j = 0; j < k; j++) hist[t][j] = data.values()[end - l + t][targets[j]];
        return new Forecast(targetNames(), end, pred, actual, hist);
    }

    /** Writes the model file (weights, architecture, scaler, columns, training summary). */
    public void save(Path file) throws IOException {
        Map<String, String> blobs = new LinkedHashMap<>();
        blobs.put(ModelFile.ARCHITECTURE, Json.write(net.config()));
        blobs.put(ModelFile.TASK, TaskFile.taskBlob(TaskKind.FORECAST, Map.of("recipe", config, "inputs", inputs, "targets", targets)));
        blobs.put(ModelFile.SCALER, scaler.toJson());
        blobs.put(ModelFile.TRAINING, Json.write(training));
        TaskFile.write(file, net, blobs);
    }

    /** Reads a model file written by {@link #save}. */
    public static Forecaster load(Path file) throws IOException {
        ModelFileContents c = TaskFile.read(file, TaskKind.FORECAST);
        Config config = TaskFile.recipe(file, c, Config.class);
        String[] inputs = TaskFile.field(file, c, "inputs", String[].class);
        int[] targets = TaskFile.field(file, c, "targets", int[].class);
        StandardScaler scaler = (StandardScaler) Scaler.fromJson(TaskFile.blob(file, c, ModelFile.SCALER));
        ForecastNet net = new ForecastNet(TaskFile.architecture(file, c, ForecastNet.Config.class), new Rng(0));
        TaskFile.loadWeights(file, c, net);
        Forecaster f = new Forecaster(config, List.of(inputs), targets, scaler, net);
        f.training = TaskFile.training(c);
        return f;
    }

    public Config config() { return config; }

    /** Input column names the model reads, in order. */
    public List<String> inputs() { return inputs; }

    /** Positions of the targets among {@link #inputs()}. */
    public int[] targets() { return targets.clone(); }

    public List<String> targetNames() {
        return Arrays.stream(targets).mapToObj(inputs::get).toList();
    }

    public StandardScaler scaler() { return scaler; }

    public ForecastNet net() { return net; }

    public TrainResult result() { return result; }

    public Map<String, Object> training() { return training; }
}
