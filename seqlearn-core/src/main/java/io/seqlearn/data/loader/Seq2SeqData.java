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
 * Sequence-to-sequence samples, (source ids x, target ids y) pairs, as teacher-forcing batches for
 * {@code fit}: the decoder reads {@code tgt_in = bos + y} and learns to emit {@code tgt_out = y + eos}
 * (both of length |y| + 1, so {@code tgt_out[t]} is the token after {@code tgt_in[t]}).
 *
 * <p>Batch inputs (chosen with {@link #inputs}; default {@code src, src_lengths, tgt_in, tgt_mask}):
 * <ul>
 *   <li>{@value #SRC}: padded source ids, (B, S); {@value #SRC_LENGTHS}: (B); {@value #SRC_MASK}: (B, S);</li>
 *   <li>{@value #TGT_IN}: bos + y, padded, (B, T); {@value #TGT_MASK}: 1 at real target positions, (B, T);
 *       {@value #TGT_LENGTHS}: |y| + 1, (B).</li>
 * </ul>
 * Target {@value #TGT_OUT}: y + eos, padded with the pad id, (B, T) — pair it with a loss that ignores the
 * pad id or weights by {@value #TGT_MASK}. Time-major paddings give (S, B) / (T, B).
 *
 * <p>A target length limit cuts y to {@code limit − 1} tokens, so bos and eos always survive. The batch's
 * tokens (for tokens/s) are its real target positions. Bucketing sorts by source length, then target length.
 */
public final class Seq2SeqData implements TrainingData {
    public static final String SRC = "src";
    public static final String SRC_LENGTHS = "src_lengths";
    public static final String SRC_MASK = "src_mask";
    public static final String TGT_IN = "tgt_in";
    public static final String TGT_MASK = "tgt_mask";
    public static final String TGT_LENGTHS = "tgt_lengths";
    public static final String TGT_OUT = "tgt_out";
    private static final List<String> AVAILABLE = List.of(SRC, SRC_LENGTHS, SRC_MASK, TGT_IN, TGT_MASK, TGT_LENGTHS);
    private static final String OP = "seq2seq data";

    private final List<int[]> sources;
    private final List<int[]> targets;
    private final SampleRange range;
    private final Padding source;
    private final Padding targetIn;
    private final Padding targetOut;
    private final int poolBatches;
    private final List<String> inputs;

    private Seq2SeqData(List<int[]> sources, List<int[]> targets, SampleRange range, Padding source, Padding targetIn,
                        Padding targetOut, int poolBatches, List<String> inputs) {
        this.sources = sources;
        this.targets = targets;
        this.range = range;
        this.source = source;
        this.targetIn = targetIn;
        this.targetOut = targetOut;
        this.poolBatches = poolBatches;
        this.inputs = inputs;
    }

    /**
     * Sample i is ({@code sources.get(i)}, {@code targets.get(i)}); both sides padded with {@code padId}.
     * Ids usually come from one {@code Vocabulary} per language: {@code padId()}, {@code bosId()}, {@code eosId()}.
     */
    public static Seq2SeqData of(List<int[]> sources, List<int[]> targets, int padId, int bosId, int eosId) {
        if (sources.size() != targets.size()) {
            throw new IllegalArgumentException(OP + ": " + sources.size() + " sources but " + targets.size() + " targets");
        }
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) == null || targets.get(i) == null) throw new IllegalArgumentException(OP + ": pair " + i + " has a null side");
        }
        Padding p = Padding.of(padId);
        return new Seq2SeqData(sources, targets, new SampleRange(0, sources.size()), p, p.withBos(bosId), p.withEos(eosId), 0,
                List.of(SRC, SRC_LENGTHS, TGT_IN, TGT_MASK));
    }

    /** Padding of the source side (its own bos/eos, if set, are added to the source). */
    public Seq2SeqData sourcePadding(Padding p) {
        return new Seq2SeqData(sources, targets, range, p, targetIn, targetOut, poolBatches, inputs);
    }

    /**
     * Padding of the target side: pad id, length limit, layout, dtype. Its bos/eos must be unset; this
     * source adds its own bos to {@value #TGT_IN} and eos to {@value #TGT_OUT}.
     */
    public Seq2SeqData targetPadding(Padding p) {
        if (p.bosId() >= 0 || p.eosId() >= 0) {
            throw new IllegalArgumentException(OP + ": the target padding must not set bos/eos (they are added to tgt_in / tgt_out)");
        }
        return new Seq2SeqData(sources, targets, range, source, p.withBos(targetIn.bosId()), p.withEos(targetOut.eosId()),
                poolBatches, inputs);
    }

    /** Bucketing by (source length, target length) over pools of {@code poolBatches} batches; 0 turns it off. */
    public Seq2SeqData bucketing(int poolBatches) {
        if (poolBatches < 0) throw new IllegalArgumentException(OP + ": bucketing pool must be >= 0 batches, got " + poolBatches);
        return new Seq2SeqData(sources, targets, range, source, targetIn, targetOut, poolBatches, inputs);
    }

    /** Which inputs batches carry, among those listed in the class comment. */
    public Seq2SeqData inputs(String... names) {
        return new Seq2SeqData(sources, targets, range, source, targetIn, targetOut, poolBatches, Names.choose(OP, AVAILABLE, names));
    }

    @Override
    public int size() { return range.count(); }

    /** Bucketing key of sample i: padded source length, then padded target length. */
    public long lengthKey(int i) {
        int a = range.map(OP, i);
        return ((long) source.paddedLength(sources.get(a).length) << 32) | targetIn.paddedLength(targets.get(a).length);
    }

    @Override
    public Batch batch(int[] indices) {
        int[] abs = range.map(OP, indices);
        List<int[]> src = new ArrayList<>(abs.length);
        List<int[]> tgt = new ArrayList<>(abs.length);
        for (int a : abs) {
            src.add(sources.get(a));
            tgt.add(targets.get(a));
        }
        SequenceBatch s = source.pad(src);
        SequenceBatch in = targetIn.pad(tgt);
        SequenceBatch out = targetOut.pad(tgt);
        Map<String, Tensor> all = new LinkedHashMap<>();
        all.put(SRC, s.ids());
        all.put(SRC_LENGTHS, s.lengths());
        all.put(SRC_MASK, s.mask());
        all.put(TGT_IN, in.ids());
        all.put(TGT_MASK, in.mask());
        all.put(TGT_LENGTHS, in.lengths());
        return new Batch(Names.pick(all, inputs), Map.of(TGT_OUT, out.ids()), out.tokens());
    }

    @Override
    public List<int[]> batchIndices(int batchSize, Rng shuffle) {
        if (poolBatches == 0) return BatchPlans.shuffled(size(), batchSize, shuffle);
        return BatchPlans.bucketed(size(), this::lengthKey, batchSize, poolBatches, shuffle);
    }

    @Override
    public Seq2SeqData subset(int from, int to) {
        return new Seq2SeqData(sources, targets, range.sub(OP, from, to), source, targetIn, targetOut, poolBatches, inputs);
    }
}
