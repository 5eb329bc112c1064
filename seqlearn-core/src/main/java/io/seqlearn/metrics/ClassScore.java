package io.seqlearn.metrics;

import io.seqlearn.tensor.Tensor;

/**
 * Precision, recall or F1 over C classes, per class and averaged (see {@link Average}), backed by a
 * {@link ConfusionMatrix}. Inputs as {@link ConfusionMatrix#update}. Build with {@link #precision},
 * {@link #recall} or {@link #f1}; for a binary problem read {@link #perClass()}[1] (the positive class).
 */
public final class ClassScore implements Metric {
    private enum Kind { PRECISION, RECALL, F1 }

    private final Kind kind;
    private final Average average;
    private final ConfusionMatrix cm;

    private ClassScore(Kind kind, int numClasses, Average average, int ignoreIndex) {
        this.kind = kind;
        this.average = average;
        this.cm = new ConfusionMatrix(numClasses, ignoreIndex);
    }

    public static ClassScore precision(int numClasses, Average average) {
        return new ClassScore(Kind.PRECISION, numClasses, average, Integer.MIN_VALUE);
    }

    public static ClassScore recall(int numClasses, Average average) {
        return new ClassScore(Kind.RECALL, numClasses, average, Integer.MIN_VALUE);
    }

    public static ClassScore f1(int numClasses, Average average) {
        return new ClassScore(Kind.F1, numClasses, average, Integer.MIN_VALUE);
    }

    /** The same score skipping positions whose target equals {@code ignoreIndex}. */
    public ClassScore ignoring(int ignoreIndex) { return new ClassScore(kind, cm.numClasses(), average, ignoreIndex); }

    @Override
    public void update(Tensor prediction, Tensor target) { cm.update(prediction, target); }

    /** The score of each class (0 for a 0/0 ratio). */
    public double[] perClass() {
        double[] out = new double[cm.numClasses()];
        for (int c = 0; c < out.length; c++) out[c] = of(c);
        return out;
    }

    private double of(int c) {
        return switch (kind) {
            case PRECISION -> cm.precision(c);
            case RECALL -> cm.recall(c);
            case F1 -> cm.f1(c);
        };
    }

    @Override
    public double result() {
        if (cm.total() == 0) return Double.NaN;
        return switch (average) {
            case MICRO -> micro();
            case MACRO -> macro();
            case WEIGHTED -> weighted();
        };
    }

    /** Single-label: pooled TP / pooled predicted = pooled TP / pooled support, for all three scores. */
    private double micro() { return cm.result(); }

    private double macro() {
        double s = 0;
        int n = 0;
        for (int c = 0; c < cm.numClasses(); c++) {
            if (!cm.seen(c)) continue;
            s += of(c);
            n++;
        }
        return s / n;
    }

    private double weighted() {
        double s = 0;
        for (int c = 0; c < cm.numClasses(); c++) s += of(c) * cm.support(c);
        return s / cm.total();
    }

    /** The underlying counts. */
    public ConfusionMatrix confusionMatrix() { return cm; }

    @Override
    public void reset() { cm.reset(); }

    @Override
    public String name() {
        String base = switch (kind) {
            case PRECISION -> "precision";
            case RECALL -> "recall";
            case F1 -> "f1";
        };
        return average == Average.MACRO ? base : base + "_" + average.name().toLowerCase();
    }
}
