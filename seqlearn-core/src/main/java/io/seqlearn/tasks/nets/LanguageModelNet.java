package io.seqlearn.tasks.nets;

import io.seqlearn.nn.Dropout;
import io.seqlearn.nn.Embedding;
import io.seqlearn.nn.Init;
import io.seqlearn.nn.LayerNorm;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.nn.attention.MultiHeadAttention;
import io.seqlearn.nn.attention.SinusoidalPositionalEncoding;
import io.seqlearn.nn.transformer.TransformerEncoder;
import io.seqlearn.nn.transformer.TransformerOptions;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

/**
 * A next-token model: token embedding, then either a recurrent stack (LSTM, GRU, RNN; Zaremba et al. 2014
 * "Recurrent Neural Network Regularization": dropout on the embedding, between layers and before the
 * output) or a causal pre-norm Transformer encoder with sinusoidal positions (Vaswani et al. 2017; GPT-2's
 * pre-norm), then a linear layer to vocabulary logits.
 * <pre>  ids (B, T) → logits (B, T, V)</pre>
 * Recurrent models carry their {@link Recurrent.State} from one window to the next; a Transformer sees at
 * most {@code context} tokens.
 */
public final class LanguageModelNet extends Module {
    /**
     * The architecture, saved as the model file's {@code architecture} blob.
     *
     * @param arch       "lstm", "gru", "rnn" or "transformer"
     * @param vocab      V
     * @param embedding  embedding width (for a Transformer also the model width D)
     * @param hidden     recurrent width H (Transformer: feed-forward width)
     * @param layers     stacked layers
     * @param dropout    dropout rate
     * @param heads      attention heads (Transformer)
     * @param context    longest window (Transformer positions; recurrent models: the BPTT length)
     * @param initScale  if > 0 every weight starts U(−s, s) (Zaremba et al.: 0.1), else PyTorch's defaults
     */
    public record Config(String arch, int vocab, int embedding, int hidden, int layers, double dropout, int heads,
                         int context, double initScale) {
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isTransformer() { return arch.equals("transformer"); }
    }

    private final Config config;
    private final Embedding embedding;
    private final Dropout dropIn, dropOut;
    private final Recurrent rnn;
    private final SinusoidalPositionalEncoding positions;
    private final TransformerEncoder transformer;
    private final Linear decoder;

    public LanguageModelNet(Config c, Rng rng) {
        this.config = c;
        this.embedding = registerModule("embedding", new Embedding(c.vocab(), c.embedding(), rng));
        this.dropIn = new Dropout(c.dropout(), rng);
        this.dropOut = new Dropout(c.dropout(), rng);
        int top;
        if (c.isTransformer()) {
            this.rnn = null;
            this.positions = registerModule("positions", new SinusoidalPositionalEncoding(c.embedding(), c.context(), DType.F32));
            TransformerOptions o = TransformerOptions.defaults().withDimFeedforward(c.hidden()).withDropout(c.dropout())
                    .withNormFirst(true);
            this.transformer = registerModule("transformer", new TransformerEncoder(c.embedding(), c.heads(), c.layers(), o, true, rng));
            top = c.embedding();
        } else {
            this.positions = null;
            this.transformer = null;
            this.rnn = registerModule("rnn", new Recurrent(Recurrent.Cell.parse(c.arch()), c.embedding(), c.hidden(),
                    c.layers(), c.dropout(), false, rng));
            top = c.hidden();
        }
        this.decoder = registerModule("decoder", new Linear(top, c.vocab(), rng));
        registerModule("dropout_in", dropIn);
        registerModule("dropout_out", dropOut);
        if (c.initScale() > 0) parameters().forEach(p -> Init.uniform(p, rng, -c.initScale(), c.initScale()));
    }

    /** Logits (B, T, V) for ids (B, T) and the state after the window (null for a Transformer). */
    public Result forward(Tensor ids, Recurrent.State state) {
        Tensor x = embedding.forward(ids);
        if (transformer != null) {
            x = positions.forward(x);   // embeddings start N(0, 1), the scale of the sinusoids: no √D factor
            x = transformer.forward(dropIn.forward(x), MultiHeadAttention.Args.none().withCausal(true));
            return new Result(decoder.forward(dropOut.forward(x)), null);
        }
        Recurrent.Output o = rnn.forward(dropIn.forward(x), null, state);
        return new Result(decoder.forward(dropOut.forward(o.output())), o.state());
    }

    /** Logits and the carried state. */
    public record Result(Tensor logits, Recurrent.State state) {}

    public Config config() { return config; }
}
