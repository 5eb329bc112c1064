package io.seqlearn.tasks.nets;

import io.seqlearn.nn.Dropout;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.nn.attention.SinusoidalPositionalEncoding;
import io.seqlearn.nn.transformer.TransformerEncoder;
import io.seqlearn.nn.transformer.TransformerOptions;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.Locale;

/**
 * Direct multi-step forecaster: a window of L steps of F input series → the next Hz steps of K target series
 * (a subset of the inputs), all at once (no autoregressive feedback, so errors do not compound).
 * <pre>
 *   m = mean_t x (per window and series, "norm=mean"; the last value for "norm=last"; 0 for "none")
 *   ŷ = head(encoder(x − m)) + skip((x − m)[targets]) + m[targets]
 * </pre>
 * encoder: an LSTM/GRU/RNN whose final state feeds a linear head (Hz·K outputs), or a pre-norm Transformer
 * encoder over linearly embedded steps whose last output feeds the head. skip: one linear map L → Hz shared
 * by the target series, applied to each series' own history — the "highway" autoregressive component of
 * LSTNet (Lai et al. 2018), which is also the whole of DLinear/NLinear (Zeng et al. 2023). Subtracting the
 * window mean is the instance normalisation of RevIN (Kim et al. 2022) without its scale.
 * Shapes: x (B, L, F) → (B, Hz, K).
 */
public final class ForecastNet extends Module {
    /**
     * The architecture.
     *
     * @param targets indices of the K target series among the F inputs
     * @param norm    "mean", "last" or "none"
     * @param skip    whether the linear highway is used
     */
    public record Config(String arch, int features, int[] targets, int lookback, int horizon, int hidden, int layers,
                         double dropout, int heads, String norm, boolean skip) {}

    private final Config config;
    private final Tensor targetIndex;
    private final Recurrent rnn;
    private final Linear embed;
    private final SinusoidalPositionalEncoding positions;
    private final TransformerEncoder transformer;
    private final Dropout dropout;
    private final Linear head;
    private final Linear linear;

    public ForecastNet(Config c, Rng rng) {
        this.config = c;
        this.targetIndex = Tensors.indices(DType.F32, c.targets(), c.targets().length);
        int width;
        if (c.arch().equals("transformer")) {
            this.rnn = null;
            this.embed = registerModule("embed", new Linear(c.features(), c.hidden(), rng));
            this.positions = registerModule("positions", new SinusoidalPositionalEncoding(c.hidden(), c.lookback(), DType.F32));
            TransformerOptions o = TransformerOptions.defaults().withDimFeedforward(4 * c.hidden()).withDropout(c.dropout())
                    .withNormFirst(true);
            this.transformer = registerModule("transformer", new TransformerEncoder(c.hidden(), c.heads(), c.layers(), o, true, rng));
            width = c.hidden();
        } else {
            this.embed = null;
            this.positions = null;
            this.transformer = null;
            this.rnn = registerModule("rnn", new Recurrent(Recurrent.Cell.parse(c.arch()), c.features(), c.hidden(), c.layers(),
                    c.dropout(), false, rng));
            width = rnn.outputSize();
        }
        this.dropout = registerModule("dropout", new Dropout(c.dropout(), rng));
        this.head = registerModule("head", new Linear(width, c.horizon() * c.targets().length, rng));
        this.linear = c.skip() ? registerModule("linear", new Linear(c.lookback(), c.horizon(), rng)) : null;
    }

    /** x (B, L, F) standardised inputs → (B, Hz, K) standardised targets. */
    public Tensor forward(Tensor x) {
        int b = x.size(0), k = config.targets().length;
        Tensor level = level(x);
        Tensor z = level == null ? x : x.sub(level);
        Tensor h;
        if (transformer != null) {
            Tensor e = transformer.forward(positions.forward(embed.forward(z)));
            h = e.select(1, e.size(1) - 1);
        } else {
            h = rnn.last(rnn.forward(z, null, null));
        }
        Tensor y = head.forward(dropout.forward(h)).reshape(b, config.horizon(), k);
        if (linear != null) {
            Tensor hist = z.indexSelect(2, targetIndex).transpose(1, 2);       // (B, K, L)
            y = y.add(linear.forward(hist).transpose(1, 2));                   // (B, Hz, K)
        }
        return level == null ? y : y.add(level.indexSelect(2, targetIndex));
    }

    /** The per-window level subtracted before the network: (B, 1, F), or null. */
    private Tensor level(Tensor x) {
        return switch (config.norm().toLowerCase(Locale.ROOT)) {
            case "mean" -> x.mean(1, true).detach();
            case "last" -> x.narrow(1, x.size(1) - 1, 1).contiguous().detach();
            default -> null;
        };
    }

    public Config config() { return config; }
}
