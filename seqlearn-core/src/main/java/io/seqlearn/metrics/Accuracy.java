package io.seqlearn.metrics;

import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * Fraction of correct predictions, as Keras' accuracy metrics. Three forms:
 * <ul>
 *   <li>{@link #sparse()}: scores (…, C) (class axis last; logits or probabilities) or predicted labels (…)
 *       against class-index targets (…) — e.g. (B, T, V) against (B, T) for sequence outputs; with an
 *       ignore index (padding) those positions count neither as right nor as wrong;</li>
 *   <li>{@link #categorical()}: scores (…, C) against one-hot / probability targets (…, C): argmax equality;</li>
 *   <li>{@link #binary(double)}: probabilities (…) against 0/1 targets (…): {@code (p > threshold) == y}.</li>
 * </ul>
 * Argmax takes the first maximum on ties. Result: correct / counted (NaN before anything is counted).
 */
public final class Accuracy implements Metric {
    private enum Kind { SPARSE, CATEGORICAL, BINARY }

    /** Sentinel for "no ignore index". */
    private static final int NONE = Integer.MIN_VALUE;

    private final Kind kind;
    private final int ignoreIndex;
    private final double threshold;
    private final String name;
    private long correct;
    private long count;

    private Accuracy(Kind kind, int ignoreIndex, double threshold, String name) {
        this.kind = kind;
        this.ignoreIndex = ignoreIndex;
        this.threshold = threshold;
        this.name = name;
    }

    /** Class-index targets; every position counts. */
    public static Accuracy sparse() { return new Accuracy(Kind.SPARSE, NONE, 0, "accuracy"); }

    /** Class-index targets; positions whose target equals {@code ignoreIndex} (e.g. padding) are skipped. */
    public static Accuracy sparse(int ignoreIndex) { return new Accuracy(Kind.SPARSE, ignoreIndex, 0, "accuracy"); }

    /** One-hot (or probability) targets with the scores' shape. */
    public static Accuracy categorical() { return new Accuracy(Kind.CATEGORICAL, NONE, 0, "accuracy"); }

    /** Binary targets; a prediction above {@code threshold} (Keras default 0.5) means class 1. */
    public static Accuracy binary(double threshold) { return new Accuracy(Kind.BINARY, NONE, threshold, "accuracy"); }

    /** The same metric under another log name (e.g. "token_accuracy"). */
    public Accuracy named(String newName) { return new Accuracy(kind, ignoreIndex, threshold, newName); }

    @Override
    public void update(Tensor prediction, Tensor target) {
        switch (kind) {
            case SPARSE -> sparseUpdate(prediction, target);
            case CATEGORICAL -> categoricalUpdate(prediction, target);
            case BINARY -> binaryUpdate(prediction, target);
        }
    }

    private void sparseUpdate(Tensor prediction, Tensor target) {
        int[] pred = Labels.predicted(name, prediction, target);
        int[] y = Labels.ints(name, target);
        for (int i = 0; i < y.length; i++) {
            if (y[i] == ignoreIndex) continue;
            count++;
            if (pred[i] == y[i]) correct++;
        }
    }

    private void categoricalUpdate(Tensor prediction, Tensor target) {
        if (!Shapes.same(prediction.shapeRef(), target.shapeRef()) || prediction.rank() == 0) {
            throw new ShapeException(name + ": one-hot target expected " + Shapes.str(prediction.shapeRef())
                    + " (the scores' shape), got " + Shapes.str(target.shapeRef()));
        }
        int[] pred = Labels.argmax(prediction), y = Labels.argmax(target);
        for (int i = 0; i < y.length; i++) if (pred[i] == y[i]) correct++;
        count += y.length;
    }

    private void binaryUpdate(Tensor prediction, Tensor target) {
        if (!Shapes.same(prediction.shapeRef(), target.shapeRef())) {
            throw new ShapeException(name + ": target expected " + Shapes.str(prediction.shapeRef())
                    + " (the prediction's shape), got " + Shapes.str(target.shapeRef()));
        }
        Tensor p = prediction.contiguousNoGrad(), t = target.contiguousNoGrad();
        for (int i = 0, n = p.numel(); i < n; i++) {
            boolean predicted = p.at(p.offset() + i) > threshold, actual = t.at(t.offset() + i) > 0.5;
            if (predicted == actual) correct++;
        }
        count += p.numel();
    }

    @Override
    public double result() { return count == 0 ? Double.NaN : (double) correct / count; }

    @Override
    public void reset() {
        correct = 0;
        count = 0;
    }

    @Override
    public String name() { return name; }

    /** Positions counted so far. */
    public long count() { return count; }
}
