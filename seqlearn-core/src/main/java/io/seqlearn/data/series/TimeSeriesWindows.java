package io.seqlearn.data.series;

/**
 * Sliding windows over a multivariate series for direct multi-step forecasting, like Keras
 * {@code timeseries_dataset_from_array} with {@code sampling_rate=1} (and Informer's {@code Dataset_ETT_hour}):
 * window i starts at row {@code s = from + i·stride}; its input is rows {@code [s, s + lookback)} of the
 * feature columns, shape (lookback, F); its target is rows {@code [s + lookback, s + lookback + horizon)} of
 * the target columns, shape (horizon, K). There are
 * {@code N = (rows - lookback - horizon) / stride + 1} windows over a range of {@code rows} rows.
 *
 * <p>The selected columns are copied once into flat float arrays; windows are cut on demand, so a long
 * horizon does not multiply memory. {@link #copyInputs} / {@link #copyTargets} fill a row-major batch buffer
 * (B, lookback, F) / (B, horizon, K) directly; {@link #toArrays()} materialises everything.
 */
public final class TimeSeriesWindows {
    private final int lookback;
    private final int horizon;
    private final int stride;
    private final int from;
    private final int count;
    private final int numFeatures;
    private final int numTargets;
    private final float[] features;
    private final float[] targets;

    /**
     * @param lookback       input length L (≥ 1)
     * @param horizon        target length, the number of future steps predicted at once (≥ 1)
     * @param stride         rows between window starts (≥ 1, default 1)
     * @param featureColumns columns of the input, F of them (null = all columns)
     * @param targetColumns  columns of the target, K of them (null = all columns)
     */
    public record Options(int lookback, int horizon, int stride, int[] featureColumns, int[] targetColumns) {
        public Options {
            if (lookback < 1 || horizon < 1 || stride < 1) {
                throw new IllegalArgumentException("windows: lookback, horizon and stride must be >= 1, got "
                        + lookback + ", " + horizon + ", " + stride);
            }
            featureColumns = featureColumns == null ? null : featureColumns.clone();
            targetColumns = targetColumns == null ? null : targetColumns.clone();
        }

        /** All columns in, all columns out (the "M" task of the ETT papers), stride 1. */
        public static Options of(int lookback, int horizon) { return new Options(lookback, horizon, 1, null, null); }

        public Options withStride(int s) { return new Options(lookback, horizon, s, featureColumns, targetColumns); }

        public Options withFeatureColumns(int... cs) { return new Options(lookback, horizon, stride, cs, targetColumns); }

        public Options withTargetColumns(int... cs) { return new Options(lookback, horizon, stride, featureColumns, cs); }
    }

    private TimeSeriesWindows(double[][] series, RowRange range, Options o) {
        int rows = range.length();
        int cols = series.length == 0 ? 0 : series[0].length;
        int[] fc = o.featureColumns() == null ? all(cols) : o.featureColumns();
        int[] tc = o.targetColumns() == null ? all(cols) : o.targetColumns();
        checkColumns("feature", fc, cols);
        checkColumns("target", tc, cols);
        if (o.lookback() > rows) {
            throw new IllegalArgumentException("windows: lookback " + o.lookback() + " is longer than the series ("
                    + rows + " rows)");
        }
        if (o.lookback() + o.horizon() > rows) {
            throw new IllegalArgumentException("windows: lookback " + o.lookback() + " + horizon " + o.horizon()
                    + " = " + (o.lookback() + o.horizon()) + " rows are needed, the series has " + rows);
        }
        this.lookback = o.lookback();
        this.horizon = o.horizon();
        this.stride = o.stride();
        this.from = range.from();
        this.count = (rows - lookback - horizon) / stride + 1;
        this.numFeatures = fc.length;
        this.numTargets = tc.length;
        this.features = gather(series, range, fc, 0, rows);
        this.targets = gather(series, range, tc, lookback, rows);
    }

    /** Windows over all rows of {@code series} (rows × columns). */
    public static TimeSeriesWindows of(double[][] series, Options options) {
        return new TimeSeriesWindows(series, new RowRange(0, series.length), options);
    }

    /** Windows over rows {@code range} of {@code series} (e.g. one part of a {@link DataSplit}). */
    public static TimeSeriesWindows of(double[][] series, RowRange range, Options options) {
        if (range.to() > series.length) {
            throw new IllegalArgumentException("windows: row range " + range + " goes past the series' " + series.length + " rows");
        }
        return new TimeSeriesWindows(series, range, options);
    }

    /** Number of windows, N. */
    public int size() { return count; }

    public int lookback() { return lookback; }

    public int horizon() { return horizon; }

    /** F, the number of input columns. */
    public int numFeatures() { return numFeatures; }

    /** K, the number of target columns. */
    public int numTargets() { return numTargets; }

    /** Row of the series (absolute) where window {@code i}'s input starts. */
    public int startRow(int i) {
        check(i);
        return from + i * stride;
    }

    /** Input of window {@code i}, shape (lookback, F). */
    public float[][] input(int i) {
        check(i);
        float[][] out = new float[lookback][numFeatures];
        int base = i * stride * numFeatures;
        for (int t = 0; t < lookback; t++) System.arraycopy(features, base + t * numFeatures, out[t], 0, numFeatures);
        return out;
    }

    /** Target of window {@code i}, shape (horizon, K). */
    public float[][] target(int i) {
        check(i);
        float[][] out = new float[horizon][numTargets];
        int base = i * stride * numTargets;
        for (int t = 0; t < horizon; t++) System.arraycopy(targets, base + t * numTargets, out[t], 0, numTargets);
        return out;
    }

    /** Copies the inputs of {@code windows} into {@code dst} as a row-major (B, lookback, F) block. */
    public void copyInputs(int[] windows, float[] dst) {
        copy(windows, dst, features, lookback * numFeatures, numFeatures, "inputs");
    }

    /** Copies the targets of {@code windows} into {@code dst} as a row-major (B, horizon, K) block. */
    public void copyTargets(int[] windows, float[] dst) {
        copy(windows, dst, targets, horizon * numTargets, numTargets, "targets");
    }

    /** All windows as arrays: inputs (N, lookback, F) and targets (N, horizon, K). */
    public WindowArrays toArrays() {
        float[][][] in = new float[count][][];
        float[][][] out = new float[count][][];
        for (int i = 0; i < count; i++) {
            in[i] = input(i);
            out[i] = target(i);
        }
        return new WindowArrays(in, out);
    }

    private void copy(int[] windows, float[] dst, float[] src, int block, int width, String what) {
        if (dst.length < (long) windows.length * block) {
            throw new IllegalArgumentException("windows: " + what + " buffer expected at least " + windows.length
                    + " × " + block + " floats, got " + dst.length);
        }
        for (int b = 0; b < windows.length; b++) {
            check(windows[b]);
            System.arraycopy(src, windows[b] * stride * width, dst, b * block, block);
        }
    }

    private void check(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException("windows: window " + i + " out of range [0, " + count + ")");
    }

    private static float[] gather(double[][] series, RowRange range, int[] cols, int skip, int rows) {
        float[] out = new float[(rows - skip) * cols.length];
        for (int r = skip; r < rows; r++) {
            double[] row = series[range.from() + r];
            if (row == null || row.length <= max(cols)) {
                throw new IllegalArgumentException("windows: row " + (range.from() + r) + " has "
                        + (row == null ? 0 : row.length) + " columns, column " + max(cols) + " is needed");
            }
            for (int j = 0; j < cols.length; j++) out[(r - skip) * cols.length + j] = (float) row[cols[j]];
        }
        return out;
    }

    private static int max(int[] a) {
        int m = -1;
        for (int v : a) m = Math.max(m, v);
        return m;
    }

    private static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    private static void checkColumns(String what, int[] cs, int cols) {
        if (cs.length == 0) throw new IllegalArgumentException("windows: no " + what + " columns selected");
        for (int c : cs) {
            if (c < 0 || c >= cols) {
                throw new IllegalArgumentException("windows: " + what + " column " + c + " out of range [0, " + cols + ")");
            }
        }
    }
}
