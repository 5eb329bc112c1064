package io.seqlearn.layers;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * Turns a Keras-style (B, T) mask of valid steps into (B,) sequence lengths for the fused recurrent kernels,
 * which implement PyTorch's packed semantics. The mask must mark a prefix of each row (right padding);
 * an all-padding row becomes length 1 (the kernels need ≥ 1 step; with {@code maskZero} that step reads the
 * zero padding vector).
 */
final class MaskLengths {
    private MaskLengths() {}

    static Tensor of(String layer, Tensor mask, int batch, int time) {
        if (mask.rank() != 2 || mask.size(0) != batch || mask.size(1) != time) {
            throw new ShapeException(layer + ": mask expected (" + batch + ", " + time + "), got "
                    + io.seqlearn.tensor.Shapes.str(mask.shapeRef()));
        }
        Tensor m = mask.contiguousNoGrad();
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            int len = 0;
            boolean ended = false;
            for (int t = 0; t < time; t++) {
                boolean valid = m.at(m.offset() + b * time + t) != 0;
                if (valid && ended) {
                    throw new IllegalArgumentException(layer + ": the mask of sample " + b + " has a valid step " + t
                            + " after padding; recurrent layers need right-padded sequences");
                }
                if (valid) len++;
                else ended = true;
            }
            lengths[b] = Math.max(1, len);
        }
        return Tensors.indices(DType.F64, lengths);
    }
}
