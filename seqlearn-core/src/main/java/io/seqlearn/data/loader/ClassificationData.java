package io.seqlearn.data.loader;

import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.data.Batch;
import io.seqlearn.data.TrainingData;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text classification samples, (token ids, label) pairs, as padded batches for {@code fit}.
 *
 * <p>Batch inputs (chosen with {@link #inputs}; default {@code "tokens", "lengths"}):
 * <ul>
 *   <li>{@value #TOKENS}: padded ids, (B, T) (or (T, B) with a time-major {@link Padding});</li>
 *   <li>{@value #LENGTHS}: real tokens per sample, (B);</li>
 *   <li>{@value #MASK}: 1 at real tokens, 0 at padding, like {@value #TOKENS}.</li>
 * </ul>
 * Target {@value #LABELS}: class ids, (B) — or (B, 1) with {@link #labelsAsColumn} for a sigmoid output.
 * A {@code Sequential} model takes one input, so give it {@code inputs(TOKENS)}.
 *
 * <p>T is the longest sample of the batch unless the padding fixes it; {@link #bucketing} groups samples
 * of similar length to cut padding. Immutable; the lists are not copied (do not change them).
 */
public final class ClassificationData implements TrainingData {
    public static final String TOKENS = "tokens";
    public static final String LENGTHS = "lengths";
    public static final String MASK = "mask";
    public static final String LABELS = "labels";
    private static final List<String> AVAILABLE = List.of(TOKENS, LENGTHS, MASK);
    private static final String OP = "classification data";

    private final List<int[]> sequences;
    private final int[] labels;
    private final SampleRange range;
    private final Padding padding;
    private final int poolBatches;
    private final List<String> inputs;
    private final boolean labelColumn;

    private ClassificationData(List<int[]> sequences, int[] labels, SampleRange range, Padding padding, int poolBatches,
                               List<String> inputs, boolean labelColumn) {
        this.sequences = sequences;
        this.labels = labels;
        this.range = range;
        this.padding = padding;
        this.poolBatches = poolBatches;
        this.inputs = inputs;
        this.labelColumn = labelColumn;
    }

    /** Sample i is ({@code sequences.get(i)}, {@code labels[i]}); padded with id 0 by default. */
    public static ClassificationData of(List<int[]> sequences, int[] labels) {
        if (sequences.size() != labels.length) {
            throw new IllegalArgumentException(OP + ": " + sequences.size() + " sequences but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (sequences.get(i) == null) throw new IllegalArgumentException(OP + ": sequence " + i + " is null");
            IdTensors.checkId(OP, "label", i, -1, labels[i]);
        }
        return new ClassificationData(sequences, labels.clone(), new SampleRange(0, labels.length), Padding.of(0), 0,
                List.of(TOKENS, LENGTHS), false);
    }

    /** How token ids are padded (pad id, length limit, markers, layout, dtype). */
    public ClassificationData padding(Padding p) {
        return new ClassificationData(sequences, labels, range, p, poolBatches, inputs, labelColumn);
    }

    /** Bucketing by length over pools of {@code poolBatches} batches ({@link BatchPlans#bucketed}); 0 turns it off. */
    public ClassificationData bucketing(int poolBatches) {
        if (poolBatches < 0) throw new IllegalArgumentException(OP + ": bucketing pool must be >= 0 batches, got " + poolBatches);
        return new ClassificationData(sequences, labels, range, padding, poolBatches, inputs, labelColumn);
    }

    /** Which inputs batches carry, among {@value #TOKENS}, {@value #LENGTHS}, {@value #MASK}. */
    public ClassificationData inputs(String... names) {
        return new ClassificationData(sequences, labels, range, padding, poolBatches, Names.choose(OP, AVAILABLE, names), labelColumn);
    }

    /** Labels as (B, 1) instead of (B). */
    public ClassificationData labelsAsColumn(boolean on) {
        return new ClassificationData(sequences, labels, range, padding, poolBatches, inputs, on);
    }

    public Padding padding() { return padding; }

    @Override
    public int size() { return range.count(); }

    /** Padded length of sample i (markers included, after truncation): its bucketing key. */
    public int length(int i) { return padding.paddedLength(sequences.get(range.map(OP, i)).length); }

    @Override
    public Batch batch(int[] indices) {
        int[] abs = range.map(OP, indices);
        List<int[]> seqs = new ArrayList<>(abs.length);
        float[] y = new float[abs.length];
        for (int k = 0; k < abs.length; k++) {
            seqs.add(sequences.get(abs[k]));
            y[k] = labels[abs[k]];
        }
        SequenceBatch sb = padding.pad(seqs);
        Map<String, Tensor> all = new LinkedHashMap<>();
        all.put(TOKENS, sb.ids());
        all.put(LENGTHS, sb.lengths());
        all.put(MASK, sb.mask());
        Tensor labelTensor = labelColumn ? IdTensors.wrap(padding.dtype(), y, abs.length, 1) : IdTensors.wrap(padding.dtype(), y, abs.length);
        return new Batch(Names.pick(all, inputs), Map.of(LABELS, labelTensor), sb.tokens());
    }

    @Override
    public List<int[]> batchIndices(int batchSize, Rng shuffle) {
        if (poolBatches == 0) return BatchPlans.shuffled(size(), batchSize, shuffle);
        return BatchPlans.bucketed(size(), this::length, batchSize, poolBatches, shuffle);
    }

    @Override
    public ClassificationData subset(int from, int to) {
        return new ClassificationData(sequences, labels, range.sub(OP, from, to), padding, poolBatches, inputs, labelColumn);
    }
}
