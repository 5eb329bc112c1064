package io.seqlearn.nn.transformer;

import io.seqlearn.nn.Dropout;
import io.seqlearn.nn.LayerNorm;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.nn.attention.AttentionWeights;
import io.seqlearn.nn.attention.MultiHeadAttention;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * One Transformer encoder layer, as {@code torch.nn.TransformerEncoderLayer} (Vaswani et al. 2017, §3.1):
 * <pre>  post-norm (default): x = norm1(x + SA(x));        x = norm2(x + FF(x))
 *  pre-norm (normFirst): x = x + SA(norm1(x));        x = x + FF(norm2(x))
 *  SA(x) = dropout1(self_attn(x, x, x)),  FF(x) = dropout2(linear2(dropout(act(linear1(x)))))</pre>
 * Parameter names match PyTorch ({@code self_attn.in_proj_weight}, {@code self_attn.out_proj.weight},
 * {@code linear1.*}, {@code linear2.*}, {@code norm1.*}, {@code norm2.*}), so its state_dict loads unchanged.
 * Input (B, T, D) batch-first, or (T, B, D) with {@code withBatchFirst(false)}; masks as
 * {@link MultiHeadAttention.Args} (its {@code weights} field is ignored).
 */
public class TransformerEncoderLayer extends Module {
    private final int dModel;
    private final TransformerOptions o;
    private final MultiHeadAttention selfAttn;
    private final Linear linear1, linear2;
    private final Dropout dropout, dropout1, dropout2;
    private final LayerNorm norm1, norm2;

    public TransformerEncoderLayer(int dModel, int nhead, TransformerOptions o, Rng rng) {
        this.dModel = dModel;
        this.o = o;
        var mha = MultiHeadAttention.Options.defaults().withDropout(o.dropout()).withDtype(o.dtype());
        this.selfAttn = registerModule("self_attn", new MultiHeadAttention(dModel, nhead, mha, rng));
        this.linear1 = registerModule("linear1", new Linear(dModel, o.dimFeedforward(), true, o.dtype(), rng));
        this.dropout = registerModule("dropout", new Dropout(o.dropout(), rng));
        this.linear2 = registerModule("linear2", new Linear(o.dimFeedforward(), dModel, true, o.dtype(), rng));
        this.norm1 = registerModule("norm1", new LayerNorm(dModel, o.layerNormEps(), o.dtype()));
        this.norm2 = registerModule("norm2", new LayerNorm(dModel, o.layerNormEps(), o.dtype()));
        this.dropout1 = registerModule("dropout1", new Dropout(o.dropout(), rng));
        this.dropout2 = registerModule("dropout2", new Dropout(o.dropout(), rng));
    }

    @Override
    public Tensor forward(Tensor src) { return forward(src, MultiHeadAttention.Args.none()); }

    /** src (B, T, D) (or (T, B, D)) → same shape. */
    public Tensor forward(Tensor src, MultiHeadAttention.Args args) {
        Shapes.check("transformer_encoder_layer", "src", src.shapeRef(), -1, -1, dModel);
        Tensor x = o.batchFirst() ? src : src.transpose(0, 1);
        x = forwardBatchFirst(x, args);
        return o.batchFirst() ? x : x.transpose(0, 1);
    }

    Tensor forwardBatchFirst(Tensor x, MultiHeadAttention.Args args) {
        if (o.normFirst()) {
            x = x.add(selfAttention(norm1.forward(x), args));
            return x.add(feedForward(norm2.forward(x)));
        }
        x = norm1.forward(x.add(selfAttention(x, args)));
        return norm2.forward(x.add(feedForward(x)));
    }

    private Tensor selfAttention(Tensor x, MultiHeadAttention.Args args) {
        return dropout1.forward(selfAttn.forward(x, x, x, args.withWeights(AttentionWeights.NONE)).output());
    }

    private Tensor feedForward(Tensor x) {
        return dropout2.forward(FeedForward.apply(x, linear1, dropout, linear2, o.activation()));
    }

    public MultiHeadAttention selfAttn() { return selfAttn; }

    public TransformerOptions options() { return o; }
}
