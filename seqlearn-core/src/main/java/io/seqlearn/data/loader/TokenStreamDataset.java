package io.seqlearn.data.loader;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.data.Batch;
import io.seqlearn.data.TrainingData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Language-model windows cut from one long stream of token ids: input x = T consecutive ids, target y = the
 * same window shifted by one (y[t] = x[t+1]). Batch input {@value #TOKENS} and target {@value #TARGETS},
 * both (B, T) (or (T, B) when {@link #timeMajor}); every position is real, so tokens = B·T.
 *
 * <p><b>Contiguous</b> ({@link #contiguous}, Zaremba et al. 2014, "Recurrent Neural Network Regularization";
 * TensorFlow's {@code ptb_producer}, PyTorch's {@code word_language_model}): the stream of N ids is cut into B
 * rows of {@code L = N / B} consecutive ids (the tail is dropped), and batch i holds columns
 * {@code [i·T, (i+1)·T)} of every row, its targets columns {@code [i·T+1, (i+1)·T+1)}; there are
 * {@code (L − 1) / T} batches. Row b of batch i+1 continues row b of batch i, so a stateful model can carry its
 * hidden state across batches (truncated BPTT). The order is fixed: shuffling is ignored, and the batch size
 * must equal B. Sample s is row {@code s mod B} of batch {@code s / B}.
 *
 * <p><b>Windows</b> ({@link #windows}): window i starts at {@code i·stride}; there are
 * {@code (N − T − 1) / stride + 1}. With shuffling (the trainer's or a {@link DataLoader}'s) each batch is B
 * random windows, a fresh draw every epoch — nanoGPT's sampling, without replacement within an epoch.
 */
public final class TokenStreamDataset implements TrainingData {
    public static final String TOKENS = "tokens";
    public static final String TARGETS = "targets";
    private static final String OP = "token stream";

    private final int[] stream;
    private final int steps;
    private final int rows;
    private final int rowLength;
    private final int stride;
    private final SampleRange range;
    private final boolean timeMajor;
    private final DType dtype;

    private TokenStreamDataset(int[] stream, int steps, int rows, int rowLength, int stride, SampleRange range,
                               boolean timeMajor, DType dtype) {
        this.stream = stream;
        this.steps = steps;
        this.rows = rows;
        this.rowLength = rowLength;
        this.stride = stride;
        this.range = range;
        this.timeMajor = timeMajor;
        this.dtype = dtype;
    }

    /** The Zaremba layout: {@code rows} parallel rows (the batch size B), windows of {@code steps} (T) ids. */
    public static TokenStreamDataset contiguous(int[] stream, int rows, int steps) {
        if (rows < 1 || steps < 1) throw new IllegalArgumentException(OP + ": rows and steps must be >= 1, got " + rows + ", " + steps);
        checkIds(stream);
        int rowLength = stream.length / rows;
        int batches = rowLength < 1 ? 0 : (rowLength - 1) / steps;
        if (batches == 0) {
            throw new IllegalArgumentException(OP + ": " + stream.length + " ids are too few for " + rows + " rows of "
                    + (steps + 1) + " (steps + 1) ids; need at least " + (long) rows * (steps + 1));
        }
        return new TokenStreamDataset(stream, steps, rows, rowLength, 0, new SampleRange(0, rows * batches), false, DType.F32);
    }

    /** Every window of {@code steps} ids starting at a multiple of {@code stride} (stride = steps: no overlap). */
    public static TokenStreamDataset windows(int[] stream, int steps, int stride) {
        if (steps < 1 || stride < 1) throw new IllegalArgumentException(OP + ": steps and stride must be >= 1, got " + steps + ", " + stride);
        checkIds(stream);
        if (stream.length < steps + 1) {
            throw new IllegalArgumentException(OP + ": " + stream.length + " ids are too few for one window of " + steps
                    + " steps (" + (steps + 1) + " ids with the shifted target)");
        }
        int count = (stream.length - steps - 1) / stride + 1;
        return new TokenStreamDataset(stream, steps, 0, 0, stride, new SampleRange(0, count), false, DType.F32);
    }

    /** Tensors as (T, B) (PyTorch word_language_model's layout), for custom loops. */
    public TokenStreamDataset timeMajor(boolean on) {
        return new TokenStreamDataset(stream, steps, rows, rowLength, stride, range, on, dtype);
    }

    /** Dtype of the id tensors (default F32). */
    public TokenStreamDataset dtype(DType d) {
        return new TokenStreamDataset(stream, steps, rows, rowLength, stride, range, timeMajor, d);
    }

    public boolean isContiguous() { return rows > 0; }

    /** T, ids per window. */
    public int steps() { return steps; }

    /** B of the contiguous layout (0 for windows). */
    public int rows() { return rows; }

    @Override
    public int size() { return range.count(); }

    /** Position in the stream where sample {@code i}'s input starts. */
    public int start(int i) {
        int s = range.map(OP, i);
        return isContiguous() ? (s % rows) * rowLength + (s / rows) * steps : s * stride;
    }

    @Override
    public Batch batch(int[] indices) {
        if (indices.length == 0) throw new IllegalArgumentException(OP + ": empty batch (no sample indices)");
        int n = indices.length;
        float[] x = new float[n * steps];
        float[] y = new float[n * steps];
        for (int b = 0; b < n; b++) {
            int s = start(indices[b]);
            for (int t = 0; t < steps; t++) {
                int at = timeMajor ? t * n + b : b * steps + t;
                x[at] = stream[s + t];
                y[at] = stream[s + t + 1];
            }
        }
        int[] shape = timeMajor ? new int[]{steps, n} : new int[]{n, steps};
        return new Batch(Map.of(TOKENS, IdTensors.wrap(dtype, x, shape)), Map.of(TARGETS, IdTensors.wrap(dtype, y, shape)),
                (long) n * steps);
    }

    /** Windows: the usual shuffled cut. Contiguous: batch i = samples [i·B, (i+1)·B), in order, whatever the rng. */
    @Override
    public List<int[]> batchIndices(int batchSize, Rng shuffle) {
        if (!isContiguous()) return BatchPlans.shuffled(size(), batchSize, shuffle);
        if (batchSize != rows) {
            throw new IllegalArgumentException(OP + ": the contiguous layout was cut into " + rows
                    + " rows, so the batch size must be " + rows + ", got " + batchSize);
        }
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < size(); from += rows) {
            int[] b = new int[rows];
            for (int r = 0; r < rows; r++) b[r] = from + r;
            out.add(b);
        }
        return out;
    }

    /** Samples [from, to); in the contiguous layout both ends must fall on whole batches (multiples of B). */
    @Override
    public TokenStreamDataset subset(int from, int to) {
        if (isContiguous() && (from % rows != 0 || to % rows != 0)) {
            throw new IllegalArgumentException(OP + ": subset [" + from + ", " + to + ") does not fall on whole batches of "
                    + rows + " rows; give validation data as its own stream (validationData) instead of validationSplit");
        }
        return new TokenStreamDataset(stream, steps, rows, rowLength, stride, range.sub(OP, from, to), timeMajor, dtype);
    }

    private static void checkIds(int[] stream) {
        for (int i = 0; i < stream.length; i++) IdTensors.checkId(OP, "id", -1, i, stream[i]);
    }
}
