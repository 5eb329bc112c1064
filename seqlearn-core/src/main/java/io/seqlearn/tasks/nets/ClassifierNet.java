package io.seqlearn.tasks.nets;

import io.seqlearn.nn.Dropout;
import io.seqlearn.nn.Embedding;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.nn.attention.AttnMask;
import io.seqlearn.nn.attention.MultiHeadAttention;
import io.seqlearn.nn.attention.SinusoidalPositionalEncoding;
import io.seqlearn.nn.transformer.TransformerEncoder;
import io.seqlearn.nn.transformer.TransformerOptions;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

/**
 * A text classifier: token embedding (padding id 0), an encoder — a (bidirectional) LSTM/GRU/RNN, or a
 * pre-norm Transformer encoder with sinusoidal positions and key-padding masks — then pooling over the
 * valid steps ({@link SequencePooling}, or the recurrent final state for "last"), dropout and a linear
 * layer to class logits.
 * <pre>  ids (B, T), lengths (B,) → logits (B, C)</pre>
 */
public final class ClassifierNet extends Module {
    /**
     * The architecture, saved as the model file's {@code architecture} blob.
     *
     * @param arch          "lstm", "gru", "rnn" or "transformer"
     * @param pooling       "max", "mean", "last" or "attention"
     * @param hidden        recurrent width per direction (Transformer: feed-forward width)
     * @param maxLength     longest input in tokens (longer texts are cut); the Transformer's position table
     */
    public record Config(String arch, int vocab, int classes, int embedding, int hidden, int layers, boolean bidirectional,
                         String pooling, double dropout, int heads, int maxLength) {}

    private final Config config;
    private final Embedding embedding;
    private final Dropout dropEmb, dropOut;
    private final Recurrent rnn;
    private final SinusoidalPositionalEncoding positions;
    private final TransformerEncoder transformer;
    private final SequencePooling pooling;
    private final Linear out;

    public ClassifierNet(Config c, Rng rng) {
        this.config = c;
        this.embedding = registerModule("embedding", new Embedding(c.vocab(), c.embedding(), 0, DType.F32, rng));
        this.dropEmb = registerModule("dropout_emb", new Dropout(c.dropout() / 2, rng));
        SequencePooling.Kind kind = SequencePooling.Kind.parse(c.pooling());
        int width;
        if (c.arch().equals("transformer")) {
            this.rnn = null;
            this.positions = registerModule("positions", new SinusoidalPositionalEncoding(c.embedding(), c.maxLength(), DType.F32));
            TransformerOptions o = TransformerOptions.defaults().withDimFeedforward(c.hidden()).withDropout(c.dropout())
                    .withNormFirst(true);
            this.transformer = registerModule("transformer", new TransformerEncoder(c.embedding(), c.heads(), c.layers(), o, true, rng));
            width = c.embedding();
            if (kind == SequencePooling.Kind.LAST) kind = SequencePooling.Kind.MEAN;
        } else {
            this.positions = null;
            this.transformer = null;
            this.rnn = registerModule("rnn", new Recurrent(Recurrent.Cell.parse(c.arch()), c.embedding(), c.hidden(), c.layers(),
                    c.dropout(), c.bidirectional(), rng));
            width = rnn.outputSize();
        }
        this.pooling = registerModule("pooling", new SequencePooling(kind, width, rng));
        this.dropOut = registerModule("dropout", new Dropout(c.dropout(), rng));
        this.out = registerModule("out", new Linear(width, c.classes(), rng));
    }

    /** Class logits (B, C) for padded ids (B, T) with lengths (B,). */
    public Tensor forward(Tensor ids, Tensor lengths) {
        Tensor x = dropEmb.forward(embedding.forward(ids));
        Tensor pooled;
        if (transformer != null) {
            var args = MultiHeadAttention.Args.none().withKeyPaddingMask(AttnMask.fromLengths(lengths, ids.size(1)));
            pooled = pooling.forward(transformer.forward(positions.forward(x), args), lengths);
        } else {
            Recurrent.Output o = rnn.forward(x, lengths, null);
            pooled = pooling.kind() == SequencePooling.Kind.LAST ? rnn.last(o) : pooling.forward(o.output(), lengths);
        }
        return out.forward(dropOut.forward(pooled));
    }

    public Config config() { return config; }
}
