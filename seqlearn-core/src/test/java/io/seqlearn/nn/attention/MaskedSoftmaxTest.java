package io.seqlearn.nn.attention;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MaskedSoftmaxTest {
    private final Rng rng = new Rng(3);

    @Test void withoutMasksEqualsScaledSoftmax() {
        Tensor x = Tensors.randn(DType.F64, rng, 2, 3, 5);
        assertArrayEquals(x.mul(0.5).softmax(-1).toDoubleArray(), MaskedSoftmax.apply(x, 0.5, false).toDoubleArray(), 1e-12);
    }

    @Test void masksMatchSoftmaxOfMaskedScoresAndCausalOffsetIsRight() {
        Tensor x = Tensors.randn(DType.F64, rng, 2, 3, 5);
        Tensor pad = AttnMask.fromLengths(new int[]{4, 2}, 5, DType.F64).bias(DType.F64).reshape(2, 1, 5);
        Tensor causal = AttnMask.causal(3, 5, DType.F64).bias(DType.F64);
        Tensor expected = x.add(pad).add(causal).softmax(-1);
        assertArrayEquals(expected.toDoubleArray(), MaskedSoftmax.apply(x, 1, true, pad).toDoubleArray(), 1e-12);
        // query 0 of 3 over 5 keys sees keys 0..2 (offset Tk − Tq = 2)
        Tensor y = MaskedSoftmax.apply(x, 1, true);
        assertEquals(0.0, y.get(0, 0, 3));
        assertTrue(y.get(0, 0, 2) > 0);
    }

    @Test void fullyMaskedRowGivesZerosAndZeroGradientNeverNaN() {
        Tensor x = Tensors.randn(DType.F64, rng, 2, 4);
        Tensor block = AttnMask.bool(Tensors.indices(DType.F64, new int[]{1, 1, 1, 1, 0, 1, 0, 1}, 2, 4)).bias(DType.F64);
        Tensor y = MaskedSoftmax.apply(x, 1, false, block);
        assertArrayEquals(new double[4], y.select(0, 0).toDoubleArray());
        assertEquals(1.0, y.select(0, 1).sum().item(), 1e-12);
        x.requiresGrad(true);
        MaskedSoftmax.apply(x, 1, false, block).mul(Tensors.randn(DType.F64, rng, 2, 4)).sum().backward();
        for (double g : x.grad().toDoubleArray()) assertTrue(Double.isFinite(g));
        assertArrayEquals(new double[4], x.grad().select(0, 0).toDoubleArray());
    }

    @Test void gradCheckScoresAndLearnableAdditiveBias() {
        Tensor x = Tensors.randn(DType.F64, rng, 2, 3, 4);
        Tensor bias = Tensors.randn(DType.F64, rng, 3, 4);
        Tensor pad = AttnMask.fromLengths(new int[]{3, 0}, 4, DType.F64).bias(DType.F64).reshape(2, 1, 4);
        GradCheck.check(in -> MaskedSoftmax.apply(in[0], 0.7, true, in[1], pad), x, bias);
    }

    @Test void maskThatDoesNotBroadcastIsAClearError() {
        Tensor x = Tensors.randn(DType.F64, rng, 2, 3, 4);
        var e = assertThrows(io.seqlearn.tensor.ShapeException.class,
                () -> MaskedSoftmax.apply(x, 1, false, Tensors.zeros(DType.F64, 5)));
        assertTrue(e.getMessage().startsWith("masked_softmax:"), e.getMessage());
    }
}
