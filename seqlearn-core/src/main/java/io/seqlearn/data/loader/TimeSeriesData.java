package io.seqlearn.data.loader;

import io.seqlearn.data.series.TimeSeriesWindows;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.data.Batch;
import io.seqlearn.data.TrainingData;

import java.util.List;
import java.util.Map;

/**
 * Forecasting windows ({@link TimeSeriesWindows}) as batches for {@code fit}: input {@value #SERIES}, the
 * lookback rows of the feature columns, (B, L, F); target {@value #TARGET}, the next H rows of the target
 * columns, (B, H, K) — or (B, H·K) with {@link #flatTargets}, for a {@code Dense(H·K)} head. Scale the series
 * (fitted on the training rows) before cutting windows. Shuffling the windows is safe: each holds its own
 * history.
 */
public final class TimeSeriesData implements TrainingData {
    public static final String SERIES = "series";
    public static final String TARGET = "target";
    private static final String OP = "time series data";

    private final TimeSeriesWindows windows;
    private final SampleRange range;
    private final boolean flat;
    private final DType dtype;

    private TimeSeriesData(TimeSeriesWindows windows, SampleRange range, boolean flat, DType dtype) {
        this.windows = windows;
        this.range = range;
        this.flat = flat;
        this.dtype = dtype;
    }

    /** All windows of {@code windows}, F32, targets (B, H, K). */
    public static TimeSeriesData of(TimeSeriesWindows windows) {
        return new TimeSeriesData(windows, new SampleRange(0, windows.size()), false, DType.F32);
    }

    /** Targets as (B, H·K) instead of (B, H, K). */
    public TimeSeriesData flatTargets(boolean on) { return new TimeSeriesData(windows, range, on, dtype); }

    /** Dtype of both tensors (default F32; F64 widens the stored floats exactly). */
    public TimeSeriesData dtype(DType d) { return new TimeSeriesData(windows, range, flat, d); }

    public TimeSeriesWindows windows() { return windows; }

    @Override
    public int size() { return range.count(); }

    @Override
    public Batch batch(int[] indices) {
        int[] abs = range.map(OP, indices);
        int n = abs.length;
        int l = windows.lookback();
        int h = windows.horizon();
        int f = windows.numFeatures();
        int k = windows.numTargets();
        float[] x = new float[n * l * f];
        float[] y = new float[n * h * k];
        windows.copyInputs(abs, x);
        windows.copyTargets(abs, y);
        int[] targetShape = flat ? new int[]{n, h * k} : new int[]{n, h, k};
        return new Batch(Map.of(SERIES, IdTensors.wrap(dtype, x, n, l, f)), Map.of(TARGET, IdTensors.wrap(dtype, y, targetShape)));
    }

    @Override
    public List<int[]> batchIndices(int batchSize, Rng shuffle) { return BatchPlans.shuffled(size(), batchSize, shuffle); }

    @Override
    public TimeSeriesData subset(int from, int to) { return new TimeSeriesData(windows, range.sub(OP, from, to), flat, dtype); }
}
