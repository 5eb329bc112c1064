package io.seqlearn.data.series;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * Z-scores each column: {@code y = (x - mean) / scale}, with {@code mean} and the population standard
 * deviation ({@code ddof = 0}) of the training rows — scikit-learn's {@code StandardScaler}, which the
 * Informer/Autoformer ETT code uses. A constant column gets scale 1 (as scikit-learn does), so it maps to 0
 * instead of NaN.
 */
public final class StandardScaler implements Scaler {
    static final String TYPE = "standard";
    private final double[] mean;
    private final double[] scale;

    /** A scaler with these statistics (one entry per column). */
    public StandardScaler(double[] mean, double[] scale) {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("standard scaler: " + mean.length + " means but " + scale.length + " scales");
        }
        for (int c = 0; c < scale.length; c++) {
            if (!(scale[c] > 0) || !Double.isFinite(scale[c]) || !Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("standard scaler: column " + c + " has mean " + mean[c] + " and scale " + scale[c]);
            }
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
    }

    /** Fits on all rows of {@code data}. */
    public static StandardScaler fit(double[][] data) { return fit(data, new RowRange(0, data.length)); }

    /** Fits on rows {@code rows} of {@code data} (the training split). */
    public static StandardScaler fit(double[][] data, RowRange rows) {
        int cols = Scalers.checkFitData("standard scaler", data, rows);
        int n = rows.length();
        double[] mean = new double[cols];
        double[] scale = new double[cols];
        for (int c = 0; c < cols; c++) {
            double sum = 0;
            for (int r = rows.from(); r < rows.to(); r++) sum += data[r][c];
            double m = sum / n;
            double ss = 0;
            for (int r = rows.from(); r < rows.to(); r++) {
                double d = data[r][c] - m;
                ss += d * d;
            }
            double std = Math.sqrt(ss / n);
            mean[c] = m;
            // scikit-learn's _handle_zeros_in_scale: a (near-)zero scale becomes 1.
            scale[c] = std < 10 * Math.ulp(1.0) ? 1.0 : std;
        }
        return new StandardScaler(mean, scale);
    }

    /** Column means. */
    public double[] mean() { return mean.clone(); }

    /** Column standard deviations (1 for constant columns). */
    public double[] scale() { return scale.clone(); }

    @Override
    public int numColumns() { return mean.length; }

    @Override
    public double transform(double x, int column) {
        Scalers.checkColumn("standard scaler", column, mean.length);
        return (x - mean[column]) / scale[column];
    }

    @Override
    public double inverseTransform(double y, int column) {
        Scalers.checkColumn("standard scaler", column, mean.length);
        return y * scale[column] + mean[column];
    }

    @Override
    public StandardScaler select(int... columns) {
        return new StandardScaler(Scalers.pick(mean, columns, "standard scaler"), Scalers.pick(scale, columns, "standard scaler"));
    }

    @Override
    public String type() { return TYPE; }

    @Override
    public String toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", TYPE).put("version", 1);
        Scalers.put(root.putArray("mean"), mean);
        Scalers.put(root.putArray("scale"), scale);
        return root.toString();
    }

    static StandardScaler fromJsonNode(JsonNode root) {
        return new StandardScaler(Scalers.doubles(root, "mean", "standard scaler"), Scalers.doubles(root, "scale", "standard scaler"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StandardScaler s && Arrays.equals(mean, s.mean) && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(mean) * 31 + Arrays.hashCode(scale); }
}
