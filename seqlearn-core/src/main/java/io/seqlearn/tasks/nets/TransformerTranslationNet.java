package io.seqlearn.tasks.nets;

import io.seqlearn.nn.seq2seq.TransformerSeq2Seq;
import io.seqlearn.nn.transformer.TransformerOptions;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

/**
 * The translator's Transformer: the library's {@link TransformerSeq2Seq} (Vaswani et al. 2017; fairseq's
 * embedding init and √D scale, sinusoidal positions, key/value-cached decoding) in the pre-norm arrangement
 * (Wang et al. 2019, "Learning Deep Transformer Models for Machine Translation": stable without a long
 * warm-up), behind the recipe's {@link TranslationNet} interface. Parameters live under {@code transformer.}.
 */
public final class TransformerTranslationNet extends TranslationNet {
    /** The architecture; {@code maxLength} bounds the position table. */
    public record Config(int srcVocab, int tgtVocab, int dModel, int heads, int encoderLayers, int decoderLayers,
                         int feedForward, double dropout, int maxLength) {}

    private final Config c;
    private final TransformerSeq2Seq model;

    public TransformerTranslationNet(Config c, Rng rng) {
        this.c = c;
        TransformerOptions o = TransformerOptions.defaults().withDimFeedforward(c.feedForward()).withDropout(c.dropout())
                .withNormFirst(true);
        this.model = registerModule("transformer", new TransformerSeq2Seq(new TransformerSeq2Seq.Config(c.srcVocab(), c.tgtVocab(),
                c.dModel(), c.heads(), c.encoderLayers(), c.decoderLayers(), c.maxLength(), o), rng));
    }

    @Override
    public Tensor forward(Tensor src, int[] srcLengths, Tensor tgtIn) { return model.forward(src, tgtIn, srcLengths); }

    @Override
    public Decoding<TransformerSeq2Seq.State> decoding(Tensor src, int[] srcLengths) {
        return new Decoding<>(model.stepModel(), model.initialState(src, srcLengths));
    }

    public Config config() { return c; }
}
