package io.seqlearn.tasks;

import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.loss.Reduction;
import io.seqlearn.nn.Module;
import io.seqlearn.tasks.nets.TaggerNet;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.List;
import java.util.Map;

/** Tagger training: length-bucketed sentences, cross-entropy over real tokens (padding targets ignored). */
final class TaggerFitting implements Fitting {
    private static final int EVAL_BATCH = 64;
    private static final int IGNORE = -100;

    private final TaggerNet net;
    private final List<int[]> trainIds, trainTags, validIds, validTags;
    private final int batchSize;
    private final int[] lengths;
    private final CrossEntropyLoss loss = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true));
    private List<int[]> batches;

    TaggerFitting(TaggerNet net, List<int[]> trainIds, List<int[]> trainTags, List<int[]> validIds, List<int[]> validTags, int batchSize) {
        this.net = net;
        this.trainIds = trainIds;
        this.trainTags = trainTags;
        this.validIds = validIds;
        this.validTags = validTags;
        this.batchSize = batchSize;
        this.lengths = Batching.lengthsOf(trainIds);
    }

    @Override public Module model() { return net; }

    @Override
    public int beginEpoch(int epoch, Rng rng) {
        batches = Batching.batches(lengths, batchSize, rng);
        return batches.size();
    }

    @Override
    public Step step(int index) {
        int[] idx = batches.get(index);
        Tensor logits = net.forward(Batching.padded(trainIds, idx, 0), Batching.lengths(trainIds, idx));
        long tokens = 0;
        for (int i : idx) tokens += trainIds.get(i).length;
        return new Step(loss.apply(logits, Batching.padded(trainTags, idx, IGNORE)), idx.length, tokens);
    }

    @Override
    public Map<String, Double> validate() {
        CrossEntropyLoss sum = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true).withReduction(Reduction.SUM));
        double total = 0;
        long right = 0, tokens = 0;
        for (int[] idx : Batching.batches(Batching.lengthsOf(validIds), EVAL_BATCH, null)) {
            Tensor logits = net.forward(Batching.padded(validIds, idx, 0), Batching.lengths(validIds, idx));
            Tensor y = Batching.padded(validTags, idx, IGNORE);
            total += sum.apply(logits, y).item();
            right += (long) logits.argmax(2, false).eq(y).sum().item();
            for (int i : idx) tokens += validIds.get(i).length;
        }
        return Map.of("val_loss", total / tokens, "val_accuracy", (double) right / tokens);
    }

    @Override
    public double validationCost() { return validIds.size() / (3.0 * batchSize); }

    @Override public String monitor() { return "val_accuracy"; }

    @Override public boolean monitorMaximises() { return true; }
}
