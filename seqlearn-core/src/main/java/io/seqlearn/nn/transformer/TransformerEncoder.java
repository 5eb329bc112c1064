package io.seqlearn.nn.transformer;

import io.seqlearn.nn.LayerNorm;
import io.seqlearn.nn.Module;
import io.seqlearn.nn.attention.MultiHeadAttention;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A stack of {@link TransformerEncoderLayer}s, as {@code torch.nn.TransformerEncoder}: names
 * {@code layers.{i}.…} and, when {@code finalNorm}, {@code norm.weight}/{@code norm.bias} applied after the
 * last layer (as {@code nn.Transformer} does; needed with pre-norm layers). Unlike PyTorch, which deep-copies
 * one layer (so all start equal), each layer here gets its own initialisation.
 */
public class TransformerEncoder extends Module {
    private final LayerList<TransformerEncoderLayer> layers;
    private final LayerNorm norm;
    private final boolean batchFirst;

    public TransformerEncoder(int dModel, int nhead, int numLayers, TransformerOptions o, boolean finalNorm, Rng rng) {
        List<TransformerEncoderLayer> ls = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) ls.add(new TransformerEncoderLayer(dModel, nhead, o, rng));
        this.layers = registerModule("layers", new LayerList<>(ls));
        this.norm = finalNorm ? registerModule("norm", new LayerNorm(dModel, o.layerNormEps(), o.dtype())) : null;
        this.batchFirst = o.batchFirst();
    }

    @Override
    public Tensor forward(Tensor src) { return forward(src, MultiHeadAttention.Args.none()); }

    /** src (B, T, D) (or (T, B, D)) through every layer with the same masks. */
    public Tensor forward(Tensor src, MultiHeadAttention.Args args) {
        if (layers.items().isEmpty()) return norm == null ? src : norm.forward(src);
        io.seqlearn.tensor.Shapes.check("transformer_encoder", "src", src.shapeRef(), -1, -1,
                layers.items().get(0).selfAttn().embedDim());
        Tensor x = batchFirst ? src : src.transpose(0, 1);
        for (TransformerEncoderLayer l : layers.items()) x = l.forwardBatchFirst(x, args);
        if (norm != null) x = norm.forward(x);
        return batchFirst ? x : x.transpose(0, 1);
    }

    public List<TransformerEncoderLayer> layers() { return layers.items(); }
}
