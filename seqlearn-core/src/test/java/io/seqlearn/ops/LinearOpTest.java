package io.seqlearn.ops;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The fused linear node against the composed matmul + add, and its gradients. */
class LinearOpTest {
    private final Rng rng = new Rng(12);

    @Test
    void equalsMatmulPlusBias() {
        Tensor x = Tensors.randn(DType.F64, rng, 2, 3, 5), w = Tensors.randn(DType.F64, rng, 4, 5), b = Tensors.randn(DType.F64, rng, 4);
        assertTrue(LinearOp.applies(x, w, b));
        Tensor want = x.matmul(w.transpose(0, 1)).add(b);
        assertArrayEquals(want.toDoubleArray(), F.linear(x, w, b).toDoubleArray(), 1e-12);
        assertArrayEquals(new int[]{2, 3, 4}, F.linear(x, w, b).shape());
        assertArrayEquals(x.matmul(w.transpose(0, 1)).toDoubleArray(), F.linear(x, w, null).toDoubleArray(), 1e-12);
        Tensor v = Tensors.randn(DType.F64, rng, 5);   // a single vector
        assertArrayEquals(v.matmul(w.transpose(0, 1)).add(b).toDoubleArray(), F.linear(v, w, b).toDoubleArray(), 1e-12);
    }

    @Test
    void gradientsWithAndWithoutBiasAndThroughAWeightView() {
        Tensor x = Tensors.randn(DType.F64, rng, 2, 3, 5), w = Tensors.randn(DType.F64, rng, 4, 5), b = Tensors.randn(DType.F64, rng, 4);
        assertTrue(GradCheck.check(in -> F.linear(in[0], in[1], in[2]), x, w, b).passed(1e-6));
        assertTrue(GradCheck.check(in -> F.linear(in[0], in[1], null), x, w).passed(1e-6));
        Tensor packed = Tensors.randn(DType.F64, rng, 12, 5);   // rows [4, 8) as the weight, as attention's in_proj
        assertTrue(GradCheck.check(in -> F.linear(in[0], in[1].narrow(0, 4, 4), in[2]), x, packed, b).passed(1e-6));
    }

    @Test
    void otherLayoutsTakeTheComposedPathAndWrongSizesAreNamed() {
        Tensor x = Tensors.randn(DType.F32, rng, 3, 5), w = Tensors.randn(DType.F32, rng, 5, 4);
        assertFalse(LinearOp.applies(x, w.transpose(0, 1), null));   // column stride ≠ 1
        assertArrayEquals(x.matmul(w).toFloatArray(), F.linear(x, w.transpose(0, 1), null).toFloatArray(), 1e-6f);
        Tensor bad = Tensors.randn(DType.F32, rng, 3, 6);
        assertFalse(LinearOp.applies(bad, Tensors.randn(DType.F32, rng, 4, 5), null));
        assertThrows(ShapeException.class, () -> F.linear(bad, Tensors.randn(DType.F32, rng, 4, 5), null));
    }
}
