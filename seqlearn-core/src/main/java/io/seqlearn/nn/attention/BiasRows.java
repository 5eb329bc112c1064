package io.seqlearn.nn.attention;

import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.StridedIndex;
import io.seqlearn.tensor.Tensor;

/**
 * An additive bias broadcast against a score tensor (…, Tq, Tk) without materialising it: the storage
 * offset of each score row's bias row and the stride along keys (0 when the bias broadcasts over keys).
 */
final class BiasRows {
    final Tensor bias;
    final int[] rowOffset;
    final int colStride;

    private BiasRows(Tensor bias, int[] rowOffset, int colStride) {
        this.bias = bias;
        this.rowOffset = rowOffset;
        this.colStride = colStride;
    }

    /** Broadcasts {@code bias} to {@code scoreShape}; {@code op} names the caller in errors. */
    static BiasRows of(String op, Tensor bias, int[] scoreShape) {
        int[] b = Shapes.broadcast(op, bias.shapeRef(), scoreShape);
        if (!Shapes.same(b, scoreShape)) {
            throw new ShapeException(op + ": mask " + Shapes.str(bias.shapeRef()) + " does not broadcast to scores "
                    + Shapes.str(scoreShape));
        }
        Tensor e = bias.detach().expand(scoreShape);
        int r = scoreShape.length;
        int tk = scoreShape[r - 1];
        int rows = tk == 0 ? 0 : Shapes.numel(scoreShape) / tk;
        int[] st = e.strides();
        StridedIndex it = new StridedIndex(java.util.Arrays.copyOf(scoreShape, r - 1), java.util.Arrays.copyOf(st, r - 1), e.offset());
        int[] off = new int[rows];
        for (int i = 0; i < rows; i++) off[i] = it.next();
        return new BiasRows(e, off, st[r - 1]);
    }

    static BiasRows[] all(String op, Tensor[] biases, int[] scoreShape) {
        BiasRows[] out = new BiasRows[biases.length];
        for (int i = 0; i < biases.length; i++) out[i] = of(op, biases[i], scoreShape);
        return out;
    }
}
