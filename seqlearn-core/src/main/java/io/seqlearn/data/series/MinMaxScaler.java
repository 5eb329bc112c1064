package io.seqlearn.data.series;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * Maps each column's training range onto {@code [lo, hi]} (default [0, 1]), as scikit-learn's
 * {@code MinMaxScaler}: {@code scale = (hi - lo) / (dataMax - dataMin)}, {@code y = x·scale + (lo -
 * dataMin·scale)}. A constant column gets range 1. Values outside the training range map outside
 * {@code [lo, hi]} (no clipping).
 */
public final class MinMaxScaler implements Scaler {
    static final String TYPE = "minmax";
    private final double[] dataMin;
    private final double[] dataMax;
    private final double lo;
    private final double hi;
    private final double[] scale;
    private final double[] shift;

    /** A scaler with these column ranges, mapped onto {@code [lo, hi]}. */
    public MinMaxScaler(double[] dataMin, double[] dataMax, double lo, double hi) {
        if (dataMin.length != dataMax.length) {
            throw new IllegalArgumentException("minmax scaler: " + dataMin.length + " minima but " + dataMax.length + " maxima");
        }
        if (!(lo < hi)) throw new IllegalArgumentException("minmax scaler: feature range needs lo < hi, got [" + lo + ", " + hi + "]");
        this.dataMin = dataMin.clone();
        this.dataMax = dataMax.clone();
        this.lo = lo;
        this.hi = hi;
        this.scale = new double[dataMin.length];
        this.shift = new double[dataMin.length];
        for (int c = 0; c < dataMin.length; c++) {
            if (!(dataMax[c] >= dataMin[c])) {
                throw new IllegalArgumentException("minmax scaler: column " + c + " has min " + dataMin[c] + " > max " + dataMax[c]);
            }
            double range = dataMax[c] - dataMin[c];
            scale[c] = (hi - lo) / (range < 10 * Math.ulp(1.0) ? 1.0 : range);
            shift[c] = lo - dataMin[c] * scale[c];
        }
    }

    /** Fits on all rows of {@code data}, range [0, 1]. */
    public static MinMaxScaler fit(double[][] data) { return fit(data, new RowRange(0, data.length), 0, 1); }

    /** Fits on rows {@code rows} of {@code data} (the training split), mapping onto {@code [lo, hi]}. */
    public static MinMaxScaler fit(double[][] data, RowRange rows, double lo, double hi) {
        int cols = Scalers.checkFitData("minmax scaler", data, rows);
        double[] mn = new double[cols];
        double[] mx = new double[cols];
        Arrays.fill(mn, Double.POSITIVE_INFINITY);
        Arrays.fill(mx, Double.NEGATIVE_INFINITY);
        for (int r = rows.from(); r < rows.to(); r++) {
            for (int c = 0; c < cols; c++) {
                mn[c] = Math.min(mn[c], data[r][c]);
                mx[c] = Math.max(mx[c], data[r][c]);
            }
        }
        return new MinMaxScaler(mn, mx, lo, hi);
    }

    public double[] dataMin() { return dataMin.clone(); }

    public double[] dataMax() { return dataMax.clone(); }

    @Override
    public int numColumns() { return dataMin.length; }

    @Override
    public double transform(double x, int column) {
        Scalers.checkColumn("minmax scaler", column, scale.length);
        return x * scale[column] + shift[column];
    }

    @Override
    public double inverseTransform(double y, int column) {
        Scalers.checkColumn("minmax scaler", column, scale.length);
        return (y - shift[column]) / scale[column];
    }

    @Override
    public MinMaxScaler select(int... columns) {
        return new MinMaxScaler(Scalers.pick(dataMin, columns, "minmax scaler"), Scalers.pick(dataMax, columns, "minmax scaler"), lo, hi);
    }

    @Override
    public String type() { return TYPE; }

    @Override
    public String toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", TYPE).put("version", 1);
        Scalers.put(root.putArray("dataMin"), dataMin);
        Scalers.put(root.putArray("dataMax"), dataMax);
        root.putArray("featureRange").add(lo).add(hi);
        return root.toString();
    }

    static MinMaxScaler fromJsonNode(JsonNode root) {
        double[] range = Scalers.doubles(root, "featureRange", "minmax scaler");
        if (range.length != 2) throw new IllegalArgumentException("minmax scaler: JSON featureRange needs 2 numbers");
        return new MinMaxScaler(Scalers.doubles(root, "dataMin", "minmax scaler"), Scalers.doubles(root, "dataMax", "minmax scaler"),
                range[0], range[1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinMaxScaler s && Arrays.equals(dataMin, s.dataMin) && Arrays.equals(dataMax, s.dataMax)
                && lo == s.lo && hi == s.hi;
    }

    @Override
    public int hashCode() { return Arrays.hashCode(dataMin) * 31 + Arrays.hashCode(dataMax); }
}
