package io.seqlearn.tasks.nets;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.decode.StepModel;
import io.seqlearn.nn.Dropout;
import io.seqlearn.nn.Embedding;
import io.seqlearn.nn.Init;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.attention.AttnMask;
import io.seqlearn.nn.attention.MultiHeadAttention;
import io.seqlearn.nn.attention.SinusoidalPositionalEncoding;
import io.seqlearn.nn.transformer.KVCache;
import io.seqlearn.nn.transformer.TransformerDecoder;
import io.seqlearn.nn.transformer.TransformerEncoder;
import io.seqlearn.nn.transformer.TransformerOptions;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * Encoder–decoder Transformer (Vaswani et al. 2017) in the pre-norm arrangement (Wang et al. 2019,
 * "Learning Deep Transformer Models for Machine Translation": stable without a long warm-up), each stack
 * with a final LayerNorm. Token embeddings start N(0, D^−½) and are multiplied by √D (fairseq), plus
 * sinusoidal positions; source padding is masked from lengths; the decoder's self-attention is causal.
 * Decoding feeds one token at a time through {@link TransformerDecoder#forwardStep} with a key/value cache.
 */
public final class TransformerTranslationNet extends TranslationNet {
    /** The architecture; {@code maxLength} bounds the position table. */
    public record Config(int srcVocab, int tgtVocab, int dModel, int heads, int encoderLayers, int decoderLayers,
                         int feedForward, double dropout, int maxLength) {}

    private final Config c;
    private final double scale;
    private final Embedding srcEmbed, tgtEmbed;
    private final SinusoidalPositionalEncoding positions;
    private final Dropout dropout;
    private final TransformerEncoder encoder;
    private final TransformerDecoder decoder;
    private final Linear generator;

    public TransformerTranslationNet(Config c, Rng rng) {
        this.c = c;
        this.scale = Math.sqrt(c.dModel());
        this.srcEmbed = registerModule("src_embed", embedding(c.srcVocab(), c.dModel(), rng));
        this.tgtEmbed = registerModule("tgt_embed", embedding(c.tgtVocab(), c.dModel(), rng));
        this.positions = registerModule("positions", new SinusoidalPositionalEncoding(c.dModel(), c.maxLength(), DType.F32));
        this.dropout = registerModule("dropout", new Dropout(c.dropout(), rng));
        TransformerOptions o = TransformerOptions.defaults().withDimFeedforward(c.feedForward()).withDropout(c.dropout()).withNormFirst(true);
        this.encoder = registerModule("encoder", new TransformerEncoder(c.dModel(), c.heads(), c.encoderLayers(), o, true, rng));
        this.decoder = registerModule("decoder", new TransformerDecoder(c.dModel(), c.heads(), c.decoderLayers(), o, true, rng));
        this.generator = registerModule("generator", new Linear(c.dModel(), c.tgtVocab(), rng));
    }

    private static Embedding embedding(int vocab, int dim, Rng rng) {
        Embedding e = new Embedding(vocab, dim, 0, DType.F32, rng);
        Init.normal(e.weight(), rng, 0, Math.pow(dim, -0.5));
        e.weight().narrow(0, 0, 1).fill(0);
        return e;
    }

    private Tensor embed(Embedding e, Tensor ids, int offset) {
        return dropout.forward(positions.forward(e.forward(ids).mul(scale), offset));
    }

    private static MultiHeadAttention.Args padding(int[] lengths, int s) {
        return MultiHeadAttention.Args.none().withKeyPaddingMask(AttnMask.fromLengths(lengths, s, DType.F32));
    }

    @Override
    public Tensor forward(Tensor src, int[] srcLengths, Tensor tgtIn) {
        MultiHeadAttention.Args pad = padding(srcLengths, src.size(1));
        Tensor memory = encoder.forward(embed(srcEmbed, src, 0), pad);
        Tensor out = decoder.forward(embed(tgtEmbed, tgtIn, 0), memory, MultiHeadAttention.Args.none().withCausal(true), pad);
        return generator.forward(out);
    }

    /** Decoding state of N rows: encoder memory, source lengths, and the decoder's key/value cache. */
    public record State(Tensor memory, int[] lengths, KVCache cache) {}

    @Override
    public Decoding<State> decoding(Tensor src, int[] srcLengths) {
        try (var g = GradMode.disabled()) {
            Tensor memory = encoder.forward(embed(srcEmbed, src, 0), padding(srcLengths, src.size(1)));
            return new Decoding<>(new Steps(), new State(memory, srcLengths.clone(), decoder.newCache()));
        }
    }

    private final class Steps implements StepModel<State> {
        @Override
        public Step<State> step(State s, int[] last) {
            try (var g = GradMode.disabled()) {
                int at = s.cache().length();
                if (at >= c.maxLength()) throw new IllegalStateException("transformer: decoded past maxLength " + c.maxLength());
                Tensor x = embed(tgtEmbed, Tensors.indices(DType.F32, last, last.length, 1), at);
                Tensor out = decoder.forwardStep(x, s.memory(), padding(s.lengths(), s.memory().size(1)), s.cache());
                return new Step<>(generator.forward(out.select(1, 0)), s);
            }
        }

        @Override
        public State select(State s, int[] rows) {
            int[] lens = new int[rows.length];
            for (int i = 0; i < rows.length; i++) lens[i] = s.lengths()[rows[i]];
            return new State(s.memory().indexSelect(0, Tensors.indices(DType.F32, rows)), lens, s.cache().select(rows));
        }
    }

    public Config config() { return c; }
}
