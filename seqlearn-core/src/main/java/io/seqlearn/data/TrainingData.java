package io.seqlearn.data;

import io.seqlearn.tensor.Rng;

import java.util.ArrayList;
import java.util.List;

/**
 * Indexed samples that {@code fit}, {@code evaluate} and {@code predict} read in mini-batches. The trainer owns
 * shuffling (a seeded RNG per epoch, so data order is repeatable and resumable) and the validation split
 * (the last samples, as Keras' {@code validation_split}); a source only assembles a batch from indices.
 * Sources that pad or bucket by length override {@link #batchIndices}.
 */
public interface TrainingData {
    /** Number of samples. */
    int size();

    /** Assembles the samples at {@code indices} (in that order) into one batch. */
    Batch batch(int[] indices);

    /**
     * The index lists of one epoch's batches: a permutation (when {@code shuffle} is non-null, else 0..n−1)
     * cut into batches of {@code batchSize} with a smaller last one. Override for bucketing by length.
     */
    default List<int[]> batchIndices(int batchSize, Rng shuffle) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        int n = size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (shuffle != null) shuffle.shuffle(order);
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < n; from += batchSize) {
            out.add(java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batchSize)));
        }
        return out;
    }

    /** Samples [from, to) of this source as a source of their own. */
    default TrainingData subset(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("subset [" + from + ", " + to + ") of " + size() + " samples");
        }
        TrainingData parent = this;
        return new TrainingData() {
            @Override public int size() { return to - from; }

            @Override public Batch batch(int[] indices) {
                int[] mapped = new int[indices.length];
                for (int i = 0; i < indices.length; i++) {
                    if (indices[i] < 0 || indices[i] >= to - from) {
                        throw new IndexOutOfBoundsException("sample " + indices[i] + " of " + (to - from));
                    }
                    mapped[i] = indices[i] + from;
                }
                return parent.batch(mapped);
            }
        };
    }
}
