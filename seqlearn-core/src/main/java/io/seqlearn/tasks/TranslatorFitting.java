package io.seqlearn.tasks;

import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.loss.Reduction;
import io.seqlearn.nn.Module;
import io.seqlearn.tasks.nets.TranslationNet;
import io.seqlearn.tensor.Backends;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Translator training: pairs bucketed by source length, teacher forcing (decoder input = bos + target,
 * output = target + eos), cross-entropy over real target tokens with optional label smoothing; validation
 * loss and perplexity plus greedy-decoding BLEU, which decides the best checkpoint.
 */
final class TranslatorFitting implements Fitting {
    static final int IGNORE = -100;
    private static final int EVAL_BATCH = 64;

    private final Translator translator;
    private final TranslationData data;
    private final int batchSize;
    private final int[] lengths;
    private final CrossEntropyLoss loss;
    private List<int[]> batches;

    TranslatorFitting(Translator translator, TranslationData data, int batchSize, double labelSmoothing) {
        this.translator = translator;
        this.data = data;
        this.batchSize = batchSize;
        this.lengths = Batching.lengthsOf(data.trainSrc());
        this.loss = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true).withLabelSmoothing(labelSmoothing));
    }

    @Override public Module model() { return translator.net(); }

    @Override
    public int beginEpoch(int epoch, Rng rng) {
        batches = Batching.batches(lengths, batchSize, rng);
        return batches.size();
    }

    @Override
    public Step step(int index) {
        int[] idx = batches.get(index);
        Tensor logits = logits(data.trainSrc(), data.trainTgt(), idx);
        long tokens = 0;
        for (int i : idx) tokens += data.trainTgt().get(i).length + 1;
        return new Step(loss.apply(logits, targetsOut(data.trainTgt(), idx)), idx.length, tokens);
    }

    private Tensor logits(List<int[]> src, List<int[]> tgt, int[] idx) {
        return translator.net().forward(Batching.padded(src, idx, 0), lengthsOf(src, idx), targetsIn(tgt, idx));
    }

    @Override
    public Map<String, Double> validate() {
        CrossEntropyLoss sum = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true).withReduction(Reduction.SUM));
        double total = 0;
        long tokens = 0;
        for (int[] idx : Batching.batches(Batching.lengthsOf(data.validSrc()), EVAL_BATCH, null)) {
            total += sum.apply(logits(data.validSrc(), data.validTgt(), idx), targetsOut(data.validTgt(), idx)).item();
            for (int i : idx) tokens += data.validTgt().get(i).length + 1;
        }
        double bleu = translator.bleu(data.validSrcText(), data.validRefs(), 1).score();
        return Map.of("val_loss", total / tokens, "val_ppl", Math.exp(total / tokens), "val_bleu", bleu);
    }

    /** The loss pass (a third of a step per batch) plus greedy decoding (about one step per batch). */
    @Override
    public double validationCost() { return data.validSrc().size() * (1 / 3.0 + 1) / batchSize; }

    @Override public String monitor() { return "val_bleu"; }

    @Override public boolean monitorMaximises() { return true; }

    static int[] lengthsOf(List<int[]> seqs, int[] idx) {
        int[] out = new int[idx.length];
        for (int b = 0; b < idx.length; b++) out[b] = Math.max(1, seqs.get(idx[b]).length);
        return out;
    }

    /** bos + target, padded with 0: (B, T+1). */
    private Tensor targetsIn(List<int[]> tgt, int[] idx) {
        int bos = translator.target().vocabulary().bosId();
        return shifted(tgt, idx, bos, -1, 0);
    }

    /** target + eos, padded with the ignore index: (B, T+1). */
    private Tensor targetsOut(List<int[]> tgt, int[] idx) {
        return shifted(tgt, idx, -1, translator.target().vocabulary().eosId(), IGNORE);
    }

    private static Tensor shifted(List<int[]> tgt, int[] idx, int first, int last, int pad) {
        int t = 0;
        for (int i : idx) t = Math.max(t, tgt.get(i).length + 1);
        float[] out = new float[idx.length * t];
        java.util.Arrays.fill(out, pad);
        for (int b = 0; b < idx.length; b++) {
            int[] s = tgt.get(idx[b]);
            int at = b * t;
            if (first >= 0) out[at++] = first;
            for (int v : s) out[at++] = v;
            if (last >= 0) out[at] = last;
        }
        return Tensor.wrap(out, Backends.defaultBackend(), idx.length, t);
    }
}
