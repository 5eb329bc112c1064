package io.seqlearn.tasks;

import io.seqlearn.data.series.Scaler;
import io.seqlearn.data.series.TimeSeriesWindows;
import io.seqlearn.loss.MSELoss;
import io.seqlearn.nn.Module;
import io.seqlearn.tasks.nets.ForecastNet;
import io.seqlearn.tensor.Backends;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/** Forecaster training for the {@link Trainer}: shuffled windows, MSE on the standardised scale. */
final class ForecastFitting implements Fitting {
    private final ForecastNet net;
    private final TimeSeriesWindows train, val;
    private final int batchSize;
    private final MSELoss loss = new MSELoss();
    private int[] order;

    ForecastFitting(ForecastNet net, TimeSeriesWindows train, TimeSeriesWindows val, int batchSize) {
        this.net = net;
        this.train = train;
        this.val = val;
        this.batchSize = batchSize;
    }

    @Override public Module model() { return net; }

    @Override
    public int beginEpoch(int epoch, Rng rng) {
        order = ForecastMetrics.range(0, train.size());
        rng.shuffle(order);
        return (order.length + batchSize - 1) / batchSize;
    }

    @Override
    public Step step(int index) {
        int[] idx = Arrays.copyOfRange(order, index * batchSize, Math.min(order.length, (index + 1) * batchSize));
        int b = idx.length, l = train.lookback(), h = train.horizon();
        float[] x = new float[b * l * train.numFeatures()], y = new float[b * h * train.numTargets()];
        train.copyInputs(idx, x);
        train.copyTargets(idx, y);
        Tensor pred = net.forward(Tensor.wrap(x, Backends.defaultBackend(), b, l, train.numFeatures()));
        return new Step(loss.apply(pred, Tensor.wrap(y, Backends.defaultBackend(), b, h, train.numTargets())), b, 0);
    }

    @Override
    public Map<String, Double> validate() {
        ForecastEval e = ForecastMetrics.of(net, val, IDENTITY);
        return Map.of("val_loss", e.mse(), "val_mae", e.mae());
    }

    @Override
    public double validationCost() { return val.size() / (3.0 * batchSize); }

    @Override public String monitor() { return "val_loss"; }

    /** Validation needs only the standardised scores. */
    private static final Scaler IDENTITY = new Scaler() {
        @Override public int numColumns() { return Integer.MAX_VALUE; }
        @Override public double transform(double x, int column) { return x; }
        @Override public double inverseTransform(double y, int column) { return y; }
        @Override public Scaler select(int... columns) { return this; }
        @Override public String type() { return "identity"; }
        @Override public String toJson() { return "{\"type\":\"identity\"}"; }
    };
}
