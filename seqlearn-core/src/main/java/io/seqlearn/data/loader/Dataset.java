package io.seqlearn.data.loader;

import java.util.List;

/**
 * Samples addressed by index, PyTorch's map-style {@code Dataset}: {@code get(i)} returns sample i, of any
 * type; a collate function turns a list of samples into a batch ({@link DataLoader#of(Dataset, java.util.function.Function)},
 * {@link CollatedData}). Implementations must allow {@code get} from the prefetch thread (read-only data
 * is enough).
 *
 * @param <T> the sample type
 */
public interface Dataset<T> {
    /** Number of samples. */
    int size();

    /** Sample {@code index}, 0 ≤ index < size(). */
    T get(int index);

    /** A dataset over a list (not copied; do not change the list while loading). */
    static <T> Dataset<T> of(List<T> samples) {
        return new Dataset<>() {
            @Override public int size() { return samples.size(); }

            @Override public T get(int index) { return samples.get(index); }
        };
    }
}
