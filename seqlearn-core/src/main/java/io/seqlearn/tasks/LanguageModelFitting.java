package io.seqlearn.tasks;

import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.nn.Module;
import io.seqlearn.tasks.nets.LanguageModelNet;
import io.seqlearn.tasks.nets.Recurrent;
import io.seqlearn.tensor.Rng;

import java.util.Map;

/**
 * Language-model training for the {@link Trainer}: one epoch walks the parallel streams window by window;
 * a recurrent model's state is carried (detached) from each window to the next and reset every epoch,
 * as Zaremba et al.'s training loop.
 */
final class LanguageModelFitting implements Fitting {
    private static final int EVAL_STREAMS = 10;

    private final LanguageModelNet net;
    private final LanguageModelData data;
    private final LanguageModel.Config config;
    private final CrossEntropyLoss loss = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true));
    private Recurrent.State state;

    LanguageModelFitting(LanguageModelNet net, LanguageModelData data, LanguageModel.Config config) {
        this.net = net;
        this.data = data;
        this.config = config;
    }

    @Override public Module model() { return net; }

    @Override
    public int beginEpoch(int epoch, Rng rng) {
        state = null;
        return data.train().windows(config.context());
    }

    @Override
    public Step step(int index) {
        int t = config.context();
        LanguageModelNet.Result r = net.forward(data.train().inputs(index, t), state);
        state = r.state() == null ? null : r.state().detach();
        int tokens = data.train().tokens(index, t);
        return new Step(loss.apply(r.logits(), data.train().targets(index, t)), tokens, tokens);
    }

    @Override
    public Map<String, Double> validate() {
        LanguageModelEval e = LanguageModelData.evaluate(net, config, data.validIds(), EVAL_STREAMS);
        return config.level() == LanguageModel.Level.CHAR
                ? Map.of("val_loss", e.loss(), "val_bpc", e.bitsPerToken())
                : Map.of("val_loss", e.loss(), "val_ppl", e.perplexity());
    }

    @Override
    public double validationCost() {
        double perWindow = (double) EVAL_STREAMS / data.train().streams() / 3;
        return new TokenStreams(data.validIds(), EVAL_STREAMS).windows(config.context()) * perWindow;
    }

    @Override public String monitor() { return "val_loss"; }

    @Override
    public Map<String, Double> trainLogs(double meanLoss) {
        return config.level() == LanguageModel.Level.CHAR ? Map.of("bpc", meanLoss / Math.log(2)) : Map.of("ppl", Math.exp(meanLoss));
    }
}
