package io.seqlearn.tasks.nets;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.decode.StepModel;
import io.seqlearn.nn.Dropout;
import io.seqlearn.nn.Embedding;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.attention.AdditiveAttention;
import io.seqlearn.nn.attention.AttentionOutput;
import io.seqlearn.nn.attention.AttnMask;
import io.seqlearn.nn.attention.LuongAttention;
import io.seqlearn.nn.rnn.GRUCell;
import io.seqlearn.nn.rnn.LSTMCell;
import io.seqlearn.nn.rnn.LSTMState;
import io.seqlearn.nn.rnn.RecurrentCell;
import io.seqlearn.ops.F;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recurrent encoder–decoder with attention. A bidirectional GRU/LSTM encodes the source into annotations
 * m (B, S, 2H); the decoder starts from s₀ = tanh(W_b h_enc) and attends over m with one of two schemes:
 * <ul>
 *   <li><b>bahdanau</b> (Bahdanau, Cho &amp; Bengio 2015): c_t = attn(s_{t−1}, m) with additive scores,
 *       s_t = cell([E y_{t−1}; c_t], s_{t−1}), r_t = tanh(W_r [s_t; c_t; E y_{t−1}]) (the paper's "deep output",
 *       with tanh for its maxout, of the embedding width), logits = W_o dropout(r_t) — one decoder step at a
 *       time; the narrow readout makes the vocabulary projection 4× cheaper than one from [s_t; c_t];</li>
 *   <li><b>luong-dot / luong-general / luong-concat</b> (Luong, Pham &amp; Manning 2015, global attention
 *       without input feeding): s_t = RNN(E y_{t−1}, s_{t−1}) run over the whole target as one fused layer,
 *       c_t = attn(s_t, m), h̃_t = tanh(W_c [c_t; s_t]), logits = W_o dropout(h̃_t) — all steps at once in
 *       training, which is several times faster on a CPU.</li>
 * </ul>
 * Embeddings have padding id 0 and dropout; the encoder also applies dropout between its layers.
 */
public final class RnnTranslationNet extends TranslationNet {
    /**
     * The architecture.
     *
     * @param cell      "gru" or "lstm"
     * @param attention "bahdanau", "luong-dot", "luong-general" or "luong-concat"
     * @param hidden    encoder width per direction; the decoder is 2·hidden wide
     */
    public record Config(String cell, String attention, int srcVocab, int tgtVocab, int embedding, int hidden, int layers,
                         int attentionUnits, double dropout) {
        boolean bahdanau() { return attention.equals("bahdanau"); }

        int decoderHidden() { return 2 * hidden; }
    }

    private final Config c;
    private final Embedding srcEmbed, tgtEmbed;
    private final Dropout dropout;
    private final Recurrent encoder;
    private final Linear bridge, combine, readout, generator;
    private final AdditiveAttention additive;
    private final LuongAttention luong;
    private final RecurrentCell cell;
    private final Recurrent decoder;

    public RnnTranslationNet(Config c, Rng rng) {
        this.c = c;
        Recurrent.Cell kind = Recurrent.Cell.parse(c.cell());
        int enc = 2 * c.hidden(), dec = c.decoderHidden();
        this.srcEmbed = registerModule("src_embed", new Embedding(c.srcVocab(), c.embedding(), 0, DType.F32, rng));
        this.tgtEmbed = registerModule("tgt_embed", new Embedding(c.tgtVocab(), c.embedding(), 0, DType.F32, rng));
        this.dropout = registerModule("dropout", new Dropout(c.dropout(), rng));
        this.encoder = registerModule("encoder", new Recurrent(kind, c.embedding(), c.hidden(), c.layers(), c.dropout(), true, rng));
        this.bridge = registerModule("bridge", new Linear(enc, dec, rng));
        if (c.bahdanau()) {
            this.additive = registerModule("attention", new AdditiveAttention(dec, enc, c.attentionUnits(), DType.F32, rng));
            this.luong = null;
            this.cell = registerModule("decoder", kind == Recurrent.Cell.LSTM ? new LSTMCell(c.embedding() + enc, dec, rng)
                    : new GRUCell(c.embedding() + enc, dec, rng));
            this.decoder = null;
            this.combine = null;
            this.readout = registerModule("readout", new Linear(dec + enc + c.embedding(), c.embedding(), rng));
            this.generator = registerModule("generator", new Linear(c.embedding(), c.tgtVocab(), rng));
        } else {
            LuongAttention.Score score = LuongAttention.Score.valueOf(c.attention().substring("luong-".length()).toUpperCase(Locale.ROOT));
            this.luong = registerModule("attention", new LuongAttention(score, dec, enc, c.attentionUnits(), DType.F32, rng));
            this.additive = null;
            this.cell = null;
            this.decoder = registerModule("decoder", new Recurrent(kind, c.embedding(), dec, 1, 0, false, rng));
            this.combine = registerModule("combine", new Linear(enc + dec, dec, rng));
            this.readout = null;
            this.generator = registerModule("generator", new Linear(dec, c.tgtVocab(), rng));
        }
    }

    /** Source annotations, their attention keys, the padding mask and the decoder's start state (h, c). */
    private record Encoded(Tensor memory, Tensor keys, AttnMask mask, Tensor h, Tensor c) {}

    private Encoded encode(Tensor src, int[] lengths) {
        Tensor len = Tensors.indices(DType.F32, lengths);
        Recurrent.Output o = encoder.forward(dropout.forward(srcEmbed.forward(src)), len, null);
        Tensor h = bridge.forward(encoder.last(o)).tanh();
        Tensor cState = encoder.cell() == Recurrent.Cell.LSTM ? h.newZeros(h.shape()) : null;
        Tensor keys = additive != null ? additive.projectKeys(o.output()) : luong.projectKeys(o.output());
        return new Encoded(o.output(), keys, AttnMask.fromLengths(lengths, src.size(1), DType.F32), h, cState);
    }

    @Override
    public Tensor forward(Tensor src, int[] srcLengths, Tensor tgtIn) { return run(src, srcLengths, tgtIn, false)[0]; }

    @Override
    public Tensor attention(Tensor src, int[] srcLengths, Tensor tgtIn) {
        try (var g = GradMode.disabled()) {
            return run(src, srcLengths, tgtIn, true)[1];
        }
    }

    /** Teacher forcing: {logits (B, T, V), attention weights (B, T, S) if asked}. */
    private Tensor[] run(Tensor src, int[] srcLengths, Tensor tgtIn, boolean weights) {
        Encoded e = encode(src, srcLengths);
        Tensor y = dropout.forward(tgtEmbed.forward(tgtIn));
        if (!c.bahdanau()) {
            Recurrent.Output o = decoder.forward(y, null, new Recurrent.State(e.h().unsqueeze(0), e.c() == null ? null : e.c().unsqueeze(0)));
            AttentionOutput a = luong.forwardProjected(o.output(), e.keys(), e.memory(), e.mask());
            Tensor mixed = combine.forward(F.concat(List.of(a.output(), o.output()), 2)).tanh();
            return new Tensor[]{generator.forward(dropout.forward(mixed)), weights ? a.weights() : null};
        }
        Tensor h = e.h(), cs = e.c();
        List<Tensor> readouts = new ArrayList<>(), ws = new ArrayList<>();
        for (int t = 0; t < tgtIn.size(1); t++) {
            AttentionOutput a = additive.forwardProjected(h, e.keys(), e.memory(), e.mask());
            Tensor[] next = cellStep(F.concat(List.of(y.select(1, t), a.output()), 1), h, cs);
            h = next[0];
            cs = next[1];
            readouts.add(readout(h, a.output(), y.select(1, t)));
            if (weights) ws.add(a.weights());
        }
        // one vocabulary projection for all steps: a single large GEMM instead of T small ones
        return new Tensor[]{generator.forward(dropout.forward(F.stack(readouts, 1))), weights ? F.stack(ws, 1) : null};
    }

    /** Bahdanau's deep output before the vocabulary projection: tanh(W_r [s; c; e]). */
    private Tensor readout(Tensor s, Tensor context, Tensor embedded) {
        return readout.forward(F.concat(List.of(s, context, embedded), 1)).tanh();
    }

    private Tensor[] cellStep(Tensor x, Tensor h, Tensor cs) {
        if (cell instanceof LSTMCell l) {
            LSTMState s = l.forward(x, new LSTMState(h, cs));
            return new Tensor[]{s.h(), s.c()};
        }
        return new Tensor[]{((GRUCell) cell).forward(x, h), null};
    }

    /** Decoding state of N rows: the encoded source and the decoder's (h, c) of shape (N, Hd). */
    public record State(Tensor memory, Tensor keys, int[] lengths, Tensor h, Tensor c) {}

    @Override
    public Decoding<State> decoding(Tensor src, int[] srcLengths) {
        try (var g = GradMode.disabled()) {
            Encoded e = encode(src, srcLengths);
            return new Decoding<>(new Steps(), new State(e.memory(), e.keys(), srcLengths.clone(), e.h(), e.c()));
        }
    }

    /** One decoder step per call, the same computation as {@link #run} for a single position. */
    private final class Steps implements StepModel<State> {
        @Override
        public Step<State> step(State s, int[] last) {
            try (var g = GradMode.disabled()) {
                AttnMask mask = AttnMask.fromLengths(s.lengths(), s.memory().size(1), DType.F32);
                Tensor y = tgtEmbed.forward(Tensors.indices(DType.F32, last));
                if (c.bahdanau()) {
                    AttentionOutput a = additive.forwardProjected(s.h(), s.keys(), s.memory(), mask);
                    Tensor[] next = cellStep(F.concat(List.of(y, a.output()), 1), s.h(), s.c());
                    Tensor logits = generator.forward(readout(next[0], a.output(), y));
                    return new Step<>(logits, new State(s.memory(), s.keys(), s.lengths(), next[0], next[1]));
                }
                Recurrent.Output o = decoder.forward(y.unsqueeze(1), null,
                        new Recurrent.State(s.h().unsqueeze(0), s.c() == null ? null : s.c().unsqueeze(0)));
                Tensor out = o.output().select(1, 0);
                AttentionOutput a = luong.forwardProjected(out, s.keys(), s.memory(), mask);
                Tensor logits = generator.forward(combine.forward(F.concat(List.of(a.output(), out), 1)).tanh());
                Tensor h = o.state().h().select(0, 0), cs = o.state().c() == null ? null : o.state().c().select(0, 0);
                return new Step<>(logits, new State(s.memory(), s.keys(), s.lengths(), h, cs));
            }
        }

        @Override
        public State select(State s, int[] rows) {
            Tensor idx = Tensors.indices(DType.F32, rows);
            int[] lens = new int[rows.length];
            for (int i = 0; i < rows.length; i++) lens[i] = s.lengths()[rows[i]];
            return new State(s.memory().indexSelect(0, idx), s.keys().indexSelect(0, idx), lens, s.h().indexSelect(0, idx),
                    s.c() == null ? null : s.c().indexSelect(0, idx));
        }
    }

    public Config config() { return c; }
}
