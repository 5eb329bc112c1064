package io.seqlearn.autograd;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class EngineTest {

    @Test void gradientsAccumulateAcrossBackwardCalls() {
        Tensor w = Tensor.of(new double[]{1, 2, 3}, 3).requiresGrad(true);
        w.mul(w).sum().backward();
        assertArrayEquals(new double[]{2, 4, 6}, w.grad().toDoubleArray());
        w.sum().backward();
        assertArrayEquals(new double[]{3, 5, 7}, w.grad().toDoubleArray());
    }

    @Test void sharedSubexpressionGetsBothPaths() {
        Tensor x = Tensor.of(new double[]{2}, 1).requiresGrad(true);
        Tensor y = x.mul(3.0);
        y.mul(y).add(y).sum().backward(); // d/dx (9x² + 3x) = 18x + 3
        assertEquals(39, x.grad().item(), 1e-12);
    }

    @Test void detachCutsTheGraph() {
        Tensor x = Tensor.of(new double[]{2}, 1).requiresGrad(true);
        x.mul(x.detach()).sum().backward();
        assertEquals(2, x.grad().item(), 1e-12);
    }

    @Test void survivesAHundredThousandDeepGraph() {
        Tensor x = Tensor.of(new float[]{1}, 1).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) y = y.add(1.0);
        y.sum().backward();
        assertEquals(1.0, x.grad().item(), 0);
    }

    @Test void retainGradKeepsIntermediateGradient() {
        Tensor x = Tensor.of(new double[]{1, 2}, 2).requiresGrad(true);
        Tensor h = x.mul(2.0).retainGrad();
        h.mul(h).sum().backward();
        assertArrayEquals(new double[]{4, 8}, h.grad().toDoubleArray());
    }

    @Test void backwardNeedsAScalarOrAnExplicitGradient() {
        Tensor x = Tensors.ones(DType.F64, 3).requiresGrad(true);
        Tensor y = x.mul(2.0);
        assertThrows(IllegalArgumentException.class, y::backward);
        y.backward(Tensors.ones(DType.F64, 3));
        assertArrayEquals(new double[]{2, 2, 2}, x.grad().toDoubleArray());
        assertThrows(IllegalStateException.class, () -> Tensors.ones(DType.F64, 1).backward());
    }
}
