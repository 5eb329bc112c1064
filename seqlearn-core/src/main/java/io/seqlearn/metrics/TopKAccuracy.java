package io.seqlearn.metrics;

import io.seqlearn.tensor.Tensor;

/**
 * Fraction of positions whose target class is among the k highest scores, as Keras'
 * {@code SparseTopKCategoricalAccuracy}: scores (…, C) (class axis last) against class-index targets (…).
 * A position counts as a hit when fewer than k classes score strictly higher than the target (so ties
 * favour the target). Positions whose target equals the ignore index are skipped.
 */
public final class TopKAccuracy implements Metric {
    private final int k;
    private final int ignoreIndex;
    private long hits;
    private long count;

    public TopKAccuracy(int k) { this(k, Integer.MIN_VALUE); }

    public TopKAccuracy(int k, int ignoreIndex) {
        if (k < 1) throw new IllegalArgumentException("top_k_accuracy: k must be >= 1, got " + k);
        this.k = k;
        this.ignoreIndex = ignoreIndex;
    }

    @Override
    public void update(Tensor prediction, Tensor target) {
        Labels.checkScores(name(), prediction, target);
        Tensor x = prediction.contiguousNoGrad();
        int classes = x.size(-1);
        int[] y = Labels.ints(name(), target);
        for (int r = 0; r < y.length; r++) {
            if (y[r] == ignoreIndex) continue;
            if (y[r] < 0 || y[r] >= classes) {
                throw new IllegalArgumentException(name() + ": target " + y[r] + " out of range [0, " + classes + ")");
            }
            int b = x.offset() + r * classes, higher = 0;
            double ty = x.at(b + y[r]);
            for (int c = 0; c < classes; c++) if (x.at(b + c) > ty) higher++;
            if (higher < k) hits++;
            count++;
        }
    }

    @Override
    public double result() { return count == 0 ? Double.NaN : (double) hits / count; }

    @Override
    public void reset() {
        hits = 0;
        count = 0;
    }

    @Override
    public String name() { return "top_" + k + "_accuracy"; }
}
