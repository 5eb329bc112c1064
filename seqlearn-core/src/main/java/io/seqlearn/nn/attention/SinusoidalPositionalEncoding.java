package io.seqlearn.nn.attention;

import io.seqlearn.nn.Module;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * Fixed sinusoidal positional encoding, "Attention Is All You Need" §3.5:
 * <pre>  PE(pos, 2i) = sin(pos / 10000^(2i/D)),   PE(pos, 2i+1) = cos(pos / 10000^(2i/D))</pre>
 * held in the buffer {@code pe} (maxLen, D) (as the PyTorch tutorial's {@code PositionalEncoding}, without
 * its dropout). {@link #forward(Tensor, int)} adds rows [offset, offset + T) to x (B, T, D), so incremental
 * decoding passes the number of tokens already seen.
 */
public class SinusoidalPositionalEncoding extends Module {
    private final int dim, maxLen;
    private final Tensor pe;

    public SinusoidalPositionalEncoding(int dim, int maxLen, DType dtype) {
        this.dim = dim;
        this.maxLen = maxLen;
        this.pe = registerBuffer("pe", table(dim, maxLen, dtype));
    }

    /** The (maxLen, D) table. */
    public static Tensor table(int dim, int maxLen, DType dtype) {
        Tensor t = Tensors.zeros(dtype, maxLen, dim);
        for (int pos = 0; pos < maxLen; pos++) {
            for (int i = 0; 2 * i < dim; i++) {
                double angle = pos / Math.pow(10000.0, 2.0 * i / dim);
                t.put(pos * dim + 2 * i, Math.sin(angle));
                if (2 * i + 1 < dim) t.put(pos * dim + 2 * i + 1, Math.cos(angle));
            }
        }
        return t;
    }

    @Override
    public Tensor forward(Tensor x) { return forward(x, 0); }

    /** x (B, T, D) + PE[offset .. offset + T). */
    public Tensor forward(Tensor x, int offset) {
        Shapes.check("positional_encoding", "input", x.shapeRef(), -1, -1, dim);
        int t = x.size(1);
        if (offset < 0 || offset + t > maxLen) {
            throw new ShapeException("positional_encoding: positions [" + offset + ", " + (offset + t) + ") exceed maxLen " + maxLen);
        }
        return x.add(pe.narrow(0, offset, t));
    }
}
