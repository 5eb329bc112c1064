package io.seqlearn.metrics;

import io.seqlearn.tensor.Tensor;

/**
 * Counts of (true class, predicted class) pairs over C classes. Predictions are scores (…, C) (argmax
 * over the last axis) or labels (…); targets are class indices (…); positions whose target equals the
 * ignore index are skipped. {@code matrix()[t][p]} counts true class t predicted as p (rows = truth, as
 * scikit-learn). {@link #result()} is the overall accuracy. Per-class precision, recall and F1 follow
 * scikit-learn: a 0/0 ratio is 0.
 */
public final class ConfusionMatrix implements Metric {
    private final int classes;
    private final int ignoreIndex;
    private final long[][] counts;

    public ConfusionMatrix(int numClasses) { this(numClasses, Integer.MIN_VALUE); }

    public ConfusionMatrix(int numClasses, int ignoreIndex) {
        if (numClasses < 1) throw new IllegalArgumentException("confusion_matrix: number of classes must be >= 1, got " + numClasses);
        this.classes = numClasses;
        this.ignoreIndex = ignoreIndex;
        this.counts = new long[numClasses][numClasses];
    }

    @Override
    public void update(Tensor prediction, Tensor target) {
        if (!Labels.areLabels(prediction, target) && prediction.size(-1) != classes) {
            throw new IllegalArgumentException(name() + ": scores expected (…, " + classes + "), got last axis "
                    + prediction.size(-1));
        }
        int[] pred = Labels.predicted(name(), prediction, target), y = Labels.ints(name(), target);
        for (int i = 0; i < y.length; i++) {
            if (y[i] == ignoreIndex) continue;
            counts[check(y[i], "target")][check(pred[i], "prediction")]++;
        }
    }

    private int check(int c, String what) {
        if (c < 0 || c >= classes) throw new IllegalArgumentException(name() + ": " + what + " " + c + " out of range [0, " + classes + ")");
        return c;
    }

    /** A copy of the counts, rows = true class, columns = predicted class. */
    public long[][] matrix() {
        long[][] out = new long[classes][];
        for (int i = 0; i < classes; i++) out[i] = counts[i].clone();
        return out;
    }

    public int numClasses() { return classes; }

    public long truePositives(int c) { return counts[c][c]; }

    /** Examples predicted as c (column sum). */
    public long predictedCount(int c) {
        long s = 0;
        for (long[] row : counts) s += row[c];
        return s;
    }

    /** Examples of true class c (row sum, the support). */
    public long support(int c) {
        long s = 0;
        for (long v : counts[c]) s += v;
        return s;
    }

    public long total() {
        long s = 0;
        for (int c = 0; c < classes; c++) s += support(c);
        return s;
    }

    /** TP / predicted; 0 when nothing was predicted as c. */
    public double precision(int c) { return ratio(truePositives(c), predictedCount(c)); }

    /** TP / support; 0 when c never occurs. */
    public double recall(int c) { return ratio(truePositives(c), support(c)); }

    /** Harmonic mean 2PR / (P + R); 0 when both are 0. */
    public double f1(int c) {
        return ratio(2 * truePositives(c), support(c) + predictedCount(c));
    }

    /** True for classes that occur as truth or as prediction (scikit-learn's label set for averages). */
    public boolean seen(int c) { return support(c) > 0 || predictedCount(c) > 0; }

    private static double ratio(long a, long b) { return b == 0 ? 0 : (double) a / b; }

    /** Overall accuracy: trace / total (NaN when empty). */
    @Override
    public double result() {
        long t = total(), tp = 0;
        for (int c = 0; c < classes; c++) tp += counts[c][c];
        return t == 0 ? Double.NaN : (double) tp / t;
    }

    @Override
    public void reset() { for (long[] row : counts) java.util.Arrays.fill(row, 0); }

    @Override
    public String name() { return "confusion_matrix"; }
}
