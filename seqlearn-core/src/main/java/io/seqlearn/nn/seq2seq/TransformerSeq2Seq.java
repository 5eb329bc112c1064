package io.seqlearn.nn.seq2seq;

import io.seqlearn.decode.StepModel;
import io.seqlearn.nn.Embedding;
import io.seqlearn.nn.Init;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.nn.attention.AttnMask;
import io.seqlearn.nn.attention.MultiHeadAttention;
import io.seqlearn.nn.attention.SinusoidalPositionalEncoding;
import io.seqlearn.nn.transformer.TransformerDecoder;
import io.seqlearn.nn.transformer.TransformerEncoder;
import io.seqlearn.nn.transformer.TransformerOptions;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * Encoder–decoder Transformer (Vaswani et al. 2017): token embeddings (init N(0, 1/√D), as fairseq) scaled by √D plus sinusoidal
 * positions, a {@link TransformerEncoder} and {@link TransformerDecoder} (each with a final LayerNorm, as
 * {@code nn.Transformer}), and a linear {@code generator} to target-vocabulary logits.
 * <pre>  memory = encoder(embed_src(src)·√D + PE);   logits = generator(decoder(embed_tgt(tgtIn)·√D + PE, memory))</pre>
 * Training uses teacher forcing: {@link #forward(Tensor, Tensor, int[])} takes the target shifted right
 * (start token first) and applies a causal mask; source padding is masked from lengths. Decoding goes through
 * {@link #stepModel} with a key/value cache ({@link io.seqlearn.decode.Greedy}, {@link io.seqlearn.decode.BeamSearch},
 * {@link io.seqlearn.decode.Sampler}). Token ids (B, S) / (B, T) are integer values in a float tensor.
 */
public class TransformerSeq2Seq extends Module {
    /** Sizes; {@code options} sets feed-forward width, dropout, norm order, activation, dtype. */
    public record Config(int srcVocab, int tgtVocab, int dModel, int nhead, int encoderLayers, int decoderLayers,
                         int maxLen, TransformerOptions options) {}

    private final Config c;
    private final Embedding srcEmbed, tgtEmbed;
    private final SinusoidalPositionalEncoding pos;
    private final TransformerEncoder encoder;
    private final TransformerDecoder decoder;
    private final Linear generator;

    public TransformerSeq2Seq(Config c, Rng rng) {
        TransformerOptions o = c.options().withBatchFirst(true);
        this.c = c;
        this.srcEmbed = registerModule("src_embed", new Embedding(c.srcVocab(), c.dModel(), -1, o.dtype(), rng));
        this.tgtEmbed = registerModule("tgt_embed", new Embedding(c.tgtVocab(), c.dModel(), -1, o.dtype(), rng));
        // fairseq's init: N(0, 1/√D) then ×√D in embed(), so tokens and positions have similar scale
        // (nn.Embedding's N(0, 1) × √D would drown the positional signal)
        Init.normal(srcEmbed.weight(), rng, 0, 1 / Math.sqrt(c.dModel()));
        Init.normal(tgtEmbed.weight(), rng, 0, 1 / Math.sqrt(c.dModel()));
        this.pos = registerModule("pos", new SinusoidalPositionalEncoding(c.dModel(), c.maxLen(), o.dtype()));
        this.encoder = registerModule("encoder", new TransformerEncoder(c.dModel(), c.nhead(), c.encoderLayers(), o, true, rng));
        this.decoder = registerModule("decoder", new TransformerDecoder(c.dModel(), c.nhead(), c.decoderLayers(), o, true, rng));
        this.generator = registerModule("generator", new Linear(c.dModel(), c.tgtVocab(), true, o.dtype(), rng));
    }

    /** src ids (B, S) with per-row lengths (null = all S) → memory (B, S, D). */
    public Tensor encode(Tensor src, int[] srcLengths) {
        Shapes.check("transformer_seq2seq", "src", src.shapeRef(), -1, -1);
        return encoder.forward(embed(srcEmbed, src, 0), sourceArgs(src, srcLengths));
    }

    /** Teacher forcing: src (B, S), tgtIn (B, T) (start token, then the target without its last token) → logits (B, T, V). */
    public Tensor forward(Tensor src, Tensor tgtIn, int[] srcLengths) {
        Shapes.check("transformer_seq2seq", "tgtIn", tgtIn.shapeRef(), src.size(0), -1);
        Tensor memory = encode(src, srcLengths);
        Tensor h = decoder.forward(embed(tgtEmbed, tgtIn, 0), memory, MultiHeadAttention.Args.none().withCausal(true),
                sourceArgs(src, srcLengths));
        return generator.forward(h);
    }

    private Tensor embed(Embedding e, Tensor ids, int offset) {
        return pos.forward(e.forward(ids).mul(Math.sqrt(c.dModel())), offset);
    }

    private static MultiHeadAttention.Args sourceArgs(Tensor src, int[] lengths) {
        if (lengths == null) return MultiHeadAttention.Args.none();
        return MultiHeadAttention.Args.none().withKeyPaddingMask(AttnMask.fromLengths(lengths, src.size(1), src.dtype()));
    }

    /** Decoding state for N rows: the memory, the source lengths and the decoder's cache. */
    public record State(Tensor memory, int[] srcLengths, io.seqlearn.nn.transformer.KVCache cache) {}

    /** A {@link StepModel} over this model for the sources {@code src} (B, S); its initial state is {@link #initialState}. */
    public StepModel<State> stepModel() {
        return new StepModel<>() {
            @Override
            public Step<State> step(State s, int[] lastTokens) {
                Tensor ids = io.seqlearn.tensor.Tensors.indices(s.memory().dtype(), lastTokens, lastTokens.length, 1);
                Tensor x = embed(tgtEmbed, ids, s.cache().length());
                MultiHeadAttention.Args memArgs = s.srcLengths() == null ? MultiHeadAttention.Args.none()
                        : MultiHeadAttention.Args.none().withKeyPaddingMask(AttnMask.fromLengths(s.srcLengths(), s.memory().size(1), s.memory().dtype()));
                Tensor h = decoder.forwardStep(x, s.memory(), memArgs, s.cache());
                Tensor logits;
                try (var g = io.seqlearn.autograd.GradMode.disabled()) { logits = generator.forward(h).select(1, 0); }
                return new Step<>(logits, s);
            }

            @Override
            public State select(State s, int[] rows) {
                Tensor idx = io.seqlearn.tensor.Tensors.indices(s.memory().dtype(), rows);
                int[] lens = null;
                if (s.srcLengths() != null) {
                    lens = new int[rows.length];
                    for (int i = 0; i < rows.length; i++) lens[i] = s.srcLengths()[rows[i]];
                }
                return new State(s.memory().indexSelect(0, idx), lens, s.cache().select(rows));
            }
        };
    }

    /** Encodes {@code src} (no gradient) and returns the decoding state for {@link #stepModel()}. */
    public State initialState(Tensor src, int[] srcLengths) {
        try (var g = io.seqlearn.autograd.GradMode.disabled()) {
            return new State(encode(src, srcLengths), srcLengths, decoder.newCache());
        }
    }

    public Config config() { return c; }
}
