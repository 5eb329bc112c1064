package io.seqlearn.tasks;

import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.loss.Reduction;
import io.seqlearn.nn.Module;
import io.seqlearn.tasks.nets.ClassifierNet;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.List;
import java.util.Map;

/** Classifier training for the {@link Trainer}: length-bucketed batches, cross-entropy, validation accuracy. */
final class ClassifierFitting implements Fitting {
    private static final int EVAL_BATCH = 128;

    private final ClassifierNet net;
    private final ClassifierData data;
    private final int[] trainLengths;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private final int batchSize;
    private List<int[]> batches;

    ClassifierFitting(ClassifierNet net, ClassifierData data, int batchSize) {
        this.net = net;
        this.data = data;
        this.batchSize = batchSize;
        this.trainLengths = Batching.lengthsOf(data.trainIds());
    }

    @Override public Module model() { return net; }

    @Override
    public int beginEpoch(int epoch, Rng rng) {
        batches = Batching.batches(trainLengths, batchSize, rng);
        return batches.size();
    }

    @Override
    public Step step(int index) {
        int[] idx = batches.get(index);
        Tensor logits = net.forward(Batching.padded(data.trainIds(), idx, 0), Batching.lengths(data.trainIds(), idx));
        return new Step(loss.apply(logits, targets(data.trainLabels(), idx)), idx.length, 0);
    }

    @Override
    public Map<String, Double> validate() {
        CrossEntropyLoss sum = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withReduction(Reduction.SUM));
        double total = 0;
        long right = 0;
        for (int[] idx : Batching.batches(Batching.lengthsOf(data.validIds()), EVAL_BATCH, null)) {
            Tensor logits = net.forward(Batching.padded(data.validIds(), idx, 0), Batching.lengths(data.validIds(), idx));
            Tensor y = targets(data.validLabels(), idx);
            total += sum.apply(logits, y).item();
            right += (long) logits.argmax(1, false).eq(y).sum().item();
        }
        int n = data.validIds().size();
        return Map.of("val_loss", total / n, "val_accuracy", (double) right / n);
    }

    @Override
    public double validationCost() { return data.validIds().size() / (3.0 * batchSize); }

    @Override public String monitor() { return "val_accuracy"; }

    @Override public boolean monitorMaximises() { return true; }

    private static Tensor targets(int[] labels, int[] idx) {
        int[] y = new int[idx.length];
        for (int i = 0; i < idx.length; i++) y[i] = labels[idx[i]];
        return Tensors.indices(DType.F32, y, idx.length);
    }
}
