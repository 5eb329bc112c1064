package io.seqlearn.nn.seq2seq;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.decode.StepModel;
import io.seqlearn.nn.Embedding;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.nn.attention.AdditiveAttention;
import io.seqlearn.nn.attention.AttentionOutput;
import io.seqlearn.nn.attention.AttnMask;
import io.seqlearn.nn.attention.LuongAttention;
import io.seqlearn.nn.rnn.GRU;
import io.seqlearn.nn.rnn.GRUCell;
import io.seqlearn.nn.rnn.GRUOutput;
import io.seqlearn.nn.rnn.LSTM;
import io.seqlearn.nn.rnn.LSTMCell;
import io.seqlearn.nn.rnn.LSTMOutput;
import io.seqlearn.nn.rnn.LSTMState;
import io.seqlearn.ops.F;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.ArrayList;
import java.util.List;

/**
 * GRU or LSTM encoder–decoder with attention, in the style of Bahdanau et al. 2015 (RNNsearch): a
 * (bidirectional) GRU or LSTM encodes the source into annotations m_j (B, S, Denc = D·H); the decoder, a
 * {@code GRUCell} (or {@code LSTMCell}) of width Hd, attends with its previous state:
 * <pre>  c_t = Σ_j α_tj m_j,  α_t = attention(s_{t−1}, m)          (Bahdanau additive, or Luong dot/general/concat)
 *  s_t = GRUCell([embed(y_{t−1}); c_t], s_{t−1})
 *  logits_t = generator([s_t; c_t])
 *  s_0 = tanh(bridge(h_enc)), h_enc = last layer's final states of both directions, concatenated
 *  LSTM only: the decoder's cell state c_0 = bridge_c(c_enc), likewise from the encoder's final cell states</pre>
 * Source padding is masked in attention and handled by the encoder's lengths. Training: teacher forcing
 * ({@link #forward}); decoding: {@link #stepModel()} with {@link io.seqlearn.decode.Greedy} / BeamSearch /
 * Sampler. Ids are integer values in float tensors (B, S) / (B, T).
 */
public class RnnAttentionSeq2Seq extends Module {
    /** Which attention the decoder uses (query = previous decoder state). */
    public enum Attention { BAHDANAU, LUONG_DOT, LUONG_GENERAL, LUONG_CONCAT }

    /** The recurrent cell of encoder and decoder. */
    public enum Cell { GRU, LSTM }

    /** Sizes and choices. */
    public record Config(int srcVocab, int tgtVocab, int embedDim, int encoderHidden, int encoderLayers,
                         boolean bidirectional, int decoderHidden, int attentionUnits, Attention attention, DType dtype,
                         Cell cell) {
        /** A GRU encoder–decoder. */
        public Config(int srcVocab, int tgtVocab, int embedDim, int encoderHidden, int encoderLayers,
                      boolean bidirectional, int decoderHidden, int attentionUnits, Attention attention, DType dtype) {
            this(srcVocab, tgtVocab, embedDim, encoderHidden, encoderLayers, bidirectional, decoderHidden,
                    attentionUnits, attention, dtype, Cell.GRU);
        }

        public Config {
            if (cell == null) throw new IllegalArgumentException("rnn_attention_seq2seq: cell expected GRU or LSTM, got null");
        }

        public Config withCell(Cell c) {
            return new Config(srcVocab, tgtVocab, embedDim, encoderHidden, encoderLayers, bidirectional, decoderHidden,
                    attentionUnits, attention, dtype, c);
        }
    }

    private final Config c;
    private final int encDim;
    private final Embedding srcEmbed, tgtEmbed;
    private final GRU gruEncoder;
    private final LSTM lstmEncoder;
    private final Linear bridge, bridgeC, generator;
    private final GRUCell gruDecoder;
    private final LSTMCell lstmDecoder;
    private final AdditiveAttention additive;
    private final LuongAttention luong;

    public RnnAttentionSeq2Seq(Config c, Rng rng) {
        this.c = c;
        this.encDim = (c.bidirectional() ? 2 : 1) * c.encoderHidden();
        this.srcEmbed = registerModule("src_embed", new Embedding(c.srcVocab(), c.embedDim(), -1, c.dtype(), rng));
        this.tgtEmbed = registerModule("tgt_embed", new Embedding(c.tgtVocab(), c.embedDim(), -1, c.dtype(), rng));
        boolean lstm = c.cell() == Cell.LSTM;
        this.gruEncoder = lstm ? null : registerModule("encoder", new GRU(c.embedDim(), c.encoderHidden(), GRU.Options.defaults()
                .withNumLayers(c.encoderLayers()).withBidirectional(c.bidirectional()).withDtype(c.dtype()), rng));
        this.lstmEncoder = !lstm ? null : registerModule("encoder", new LSTM(c.embedDim(), c.encoderHidden(), LSTM.Options.defaults()
                .withNumLayers(c.encoderLayers()).withBidirectional(c.bidirectional()).withDtype(c.dtype()), rng));
        this.bridge = registerModule("bridge", new Linear(encDim, c.decoderHidden(), true, c.dtype(), rng));
        this.bridgeC = lstm ? registerModule("bridge_c", new Linear(encDim, c.decoderHidden(), true, c.dtype(), rng)) : null;
        if (c.attention() == Attention.BAHDANAU) {
            this.additive = registerModule("attention", new AdditiveAttention(c.decoderHidden(), encDim, c.attentionUnits(), c.dtype(), rng));
            this.luong = null;
        } else {
            LuongAttention.Score s = LuongAttention.Score.valueOf(c.attention().name().substring("LUONG_".length()));
            this.luong = registerModule("attention", new LuongAttention(s, c.decoderHidden(), encDim, c.attentionUnits(), c.dtype(), rng));
            this.additive = null;
        }
        this.gruDecoder = lstm ? null : registerModule("decoder", new GRUCell(c.embedDim() + encDim, c.decoderHidden(), true, c.dtype(), rng));
        this.lstmDecoder = !lstm ? null : registerModule("decoder", new LSTMCell(c.embedDim() + encDim, c.decoderHidden(), true, c.dtype(), rng));
        this.generator = registerModule("generator", new Linear(c.decoderHidden() + encDim, c.tgtVocab(), true, c.dtype(), rng));
    }

    /**
     * Encoder result: annotations (B, S, Denc), their attention keys, the initial decoder state (B, Hd) — for
     * an LSTM (B, 2·Hd), h then c — and the mask.
     */
    public record Encoded(Tensor memory, Tensor keys, Tensor state, AttnMask mask) {}

    /** src (B, S) with lengths (null = all S). */
    public Encoded encode(Tensor src, int[] lengths) {
        Shapes.check("rnn_attention_seq2seq", "src", src.shapeRef(), -1, -1);
        int b = src.size(0), s = src.size(1);
        Tensor len = lengths == null ? null : Tensors.indices(src.dtype(), lengths);
        Tensor x = srcEmbed.forward(src), output, state;
        if (lstmEncoder != null) {
            LSTMOutput out = lstmEncoder.forward(x, len);
            output = out.output();
            state = F.concat(List.of(bridge.forward(lastLayer(out.h())).tanh(), bridgeC.forward(lastLayer(out.c()))), 1);
        } else {
            GRUOutput out = gruEncoder.forward(x, len);
            output = out.output();
            state = bridge.forward(lastLayer(out.h())).tanh();
        }
        AttnMask mask = lengths == null ? null : AttnMask.fromLengths(lengths, s, src.dtype());
        Tensor keys = additive != null ? additive.projectKeys(output) : luong.projectKeys(output);
        if (b != state.size(0)) throw new IllegalStateException("encoder batch mismatch");
        return new Encoded(output, keys, state, mask);
    }

    /** The last layer's final states (layers·dirs, B, H) → (B, Denc), both directions concatenated. */
    private Tensor lastLayer(Tensor finals) {
        int dirs = c.bidirectional() ? 2 : 1, top = (c.encoderLayers() - 1) * dirs;
        return dirs == 1 ? finals.select(0, top) : F.concat(List.of(finals.select(0, top), finals.select(0, top + 1)), 1);
    }

    /** One decoder step: previous tokens (N,), state (N, Hd) → logits (N, V) and the new state. */
    private Tensor[] decodeStep(Encoded e, Tensor prevTokens, Tensor state) {
        int hd = c.decoderHidden();
        Tensor h = lstmDecoder != null ? state.narrow(1, 0, hd) : state;
        AttentionOutput a = additive != null ? additive.forwardProjected(h, e.keys(), e.memory(), e.mask())
                : luong.forwardProjected(h, e.keys(), e.memory(), e.mask());
        Tensor in = F.concat(List.of(tgtEmbed.forward(prevTokens), a.output()), 1);
        Tensor s, next;
        if (lstmDecoder != null) {
            LSTMState st = lstmDecoder.forward(in, new LSTMState(h, state.narrow(1, hd, hd)));
            s = st.h();
            next = F.concat(List.of(st.h(), st.c()), 1);
        } else {
            s = gruDecoder.forward(in, h);
            next = s;
        }
        Tensor logits = generator.forward(F.concat(List.of(s, a.output()), 1));
        return new Tensor[]{logits, next};
    }

    /** Teacher forcing: tgtIn (B, T) (start token first) → logits (B, T, V). */
    public Tensor forward(Tensor src, Tensor tgtIn, int[] srcLengths) {
        Shapes.check("rnn_attention_seq2seq", "tgtIn", tgtIn.shapeRef(), src.size(0), -1);
        Encoded e = encode(src, srcLengths);
        Tensor state = e.state();
        List<Tensor> logits = new ArrayList<>();
        for (int t = 0; t < tgtIn.size(1); t++) {
            Tensor[] r = decodeStep(e, tgtIn.select(1, t), state);
            logits.add(r[0]);
            state = r[1];
        }
        return F.stack(logits, 1);
    }

    /** Decoding state for N rows. */
    public record State(Encoded encoded, Tensor hidden, int[] srcLengths) {}

    /** Encodes without gradient and returns the initial decoding state. */
    public State initialState(Tensor src, int[] srcLengths) {
        try (var g = GradMode.disabled()) {
            Encoded e = encode(src, srcLengths);
            return new State(e, e.state(), srcLengths);
        }
    }

    /** A {@link StepModel} over this model (inference, no gradient). */
    public StepModel<State> stepModel() {
        return new StepModel<>() {
            @Override
            public Step<State> step(State s, int[] lastTokens) {
                try (var g = GradMode.disabled()) {
                    Tensor[] r = decodeStep(s.encoded(), Tensors.indices(s.hidden().dtype(), lastTokens), s.hidden());
                    return new Step<>(r[0], new State(s.encoded(), r[1], s.srcLengths()));
                }
            }

            @Override
            public State select(State s, int[] rows) {
                Tensor idx = Tensors.indices(s.hidden().dtype(), rows);
                Encoded e = s.encoded();
                int[] lens = null;
                if (s.srcLengths() != null) {
                    lens = new int[rows.length];
                    for (int i = 0; i < rows.length; i++) lens[i] = s.srcLengths()[rows[i]];
                }
                AttnMask m = lens == null ? null : AttnMask.fromLengths(lens, e.memory().size(1), e.memory().dtype());
                Encoded picked = new Encoded(e.memory().indexSelect(0, idx), e.keys().indexSelect(0, idx), null, m);
                return new State(picked, s.hidden().indexSelect(0, idx), lens);
            }
        };
    }

    public Config config() { return c; }
}
