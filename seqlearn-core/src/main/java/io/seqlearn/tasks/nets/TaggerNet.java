package io.seqlearn.tasks.nets;

import io.seqlearn.nn.Dropout;
import io.seqlearn.nn.Embedding;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

/**
 * Per-token classifier (Huang, Xu &amp; Yu 2015 "Bidirectional LSTM-CRF Models for Sequence Tagging", without
 * the CRF): word embedding (padding id 0), a bidirectional LSTM/GRU, dropout, a linear layer to tag logits.
 * <pre>  ids (B, T), lengths (B,) → logits (B, T, tags)</pre>
 */
public final class TaggerNet extends Module {
    /** The architecture. */
    public record Config(String arch, int vocab, int tags, int embedding, int hidden, int layers, boolean bidirectional, double dropout) {}

    private final Config config;
    private final Embedding embedding;
    private final Dropout dropEmb, dropOut;
    private final Recurrent rnn;
    private final Linear out;

    public TaggerNet(Config c, Rng rng) {
        this.config = c;
        this.embedding = registerModule("embedding", new Embedding(c.vocab(), c.embedding(), 0, DType.F32, rng));
        this.dropEmb = registerModule("dropout_emb", new Dropout(c.dropout(), rng));
        this.rnn = registerModule("rnn", new Recurrent(Recurrent.Cell.parse(c.arch()), c.embedding(), c.hidden(), c.layers(),
                c.dropout(), c.bidirectional(), rng));
        this.dropOut = registerModule("dropout", new Dropout(c.dropout(), rng));
        this.out = registerModule("out", new Linear(rnn.outputSize(), c.tags(), rng));
    }

    /** Tag logits for every position; positions past a length are padding. */
    public Tensor forward(Tensor ids, Tensor lengths) {
        Recurrent.Output o = rnn.forward(dropEmb.forward(embedding.forward(ids)), lengths, null);
        return out.forward(dropOut.forward(o.output()));
    }

    public Config config() { return config; }
}
