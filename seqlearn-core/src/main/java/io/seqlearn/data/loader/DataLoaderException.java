package io.seqlearn.data.loader;

/**
 * Assembling a batch failed. The message names the batch, epoch and first sample indices; {@link #getCause()}
 * is the original exception, thrown by the collate function or data source (in the prefetch thread or not).
 */
public final class DataLoaderException extends RuntimeException {
    private final int epoch;
    private final int batch;

    public DataLoaderException(String message, int epoch, int batch, Throwable cause) {
        super(message, cause);
        this.epoch = epoch;
        this.batch = batch;
    }

    /** Epoch of the failed batch (−1 when the batch was requested by the trainer). */
    public int epoch() { return epoch; }

    /** Position of the failed batch in its epoch (0-based). */
    public int batch() { return batch; }

    static String describe(int epoch, int batch, int batches, int[] indices) {
        StringBuilder sb = new StringBuilder("data loader: batch ").append(batch + 1).append('/').append(batches);
        if (epoch >= 0) sb.append(" of epoch ").append(epoch);
        sb.append(" (").append(indices.length).append(" samples ");
        int shown = Math.min(indices.length, 8);
        sb.append('[');
        for (int i = 0; i < shown; i++) sb.append(i == 0 ? "" : ", ").append(indices[i]);
        sb.append(indices.length > shown ? ", …])" : "])");
        return sb.toString();
    }
}
