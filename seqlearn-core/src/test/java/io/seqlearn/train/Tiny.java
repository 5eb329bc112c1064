package io.seqlearn.train;

import io.seqlearn.tensor.Tensor;


/** A minimal stateful metric for training-loop tests. */
public final class Tiny {
    private Tiny() {}

    /** Accuracy of argmax(logits) against class ids. */
    public static final class Accuracy implements EpochMetric {
        private long right;
        private long total;

        @Override public String name() { return "accuracy"; }

        @Override public void reset() { right = total = 0; }

        @Override public void update(Tensor logits, Tensor target) {
            Tensor pred = logits.argmax(-1, false);
            for (int i = 0; i < pred.numel(); i++) {
                if (pred.get(i) == target.get(i)) right++;
                total++;
            }
        }

        @Override public double result() { return total == 0 ? 0 : (double) right / total; }
    }
}
