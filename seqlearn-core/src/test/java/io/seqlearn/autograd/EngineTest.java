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

    @Test void freshGradientBecomesTheLeafGradWithoutACopy() {
        Tensor a = Tensor.of(new double[]{1, 2}, 2).requiresGrad(true);
        Tensor[] made = new Tensor[1];
        Tensor y = Node.recordFresh(Tensor.of(new double[]{0, 0}, 2), "fresh", g -> {
            made[0] = g.mul(2.0).contiguousNoGrad();
            return new Tensor[]{made[0]};
        }, a);
        y.sum().backward();
        assertSame(made[0], a.grad());
        assertArrayEquals(new double[]{2, 2}, a.grad().toDoubleArray());
        y = Node.recordFresh(Tensor.of(new double[]{0, 0}, 2), "fresh", g -> new Tensor[]{g.mul(3.0).contiguousNoGrad()}, a);
        y.sum().backward();   // the second gradient adds into the first in place
        assertArrayEquals(new double[]{5, 5}, a.grad().toDoubleArray());
    }

    @Test void ordinaryNodeSharingOneGradientGivesEachLeafItsOwnCopy() {
        Tensor a = Tensor.of(new double[]{1}, 1).requiresGrad(true), b = Tensor.of(new double[]{1}, 1).requiresGrad(true);
        Tensor y = Node.record(Tensor.of(new double[]{0}, 1), "same", g -> new Tensor[]{g, g}, a, b);
        y.sum().backward();
        assertNotSame(a.grad(), b.grad());
        a.sum().backward();
        assertEquals(2, a.grad().item(), 0);
        assertEquals(1, b.grad().item(), 0);
    }

    @Test void freshGradientThatIsAViewIsStillCopied() {
        Tensor a = Tensor.of(new double[]{1}, 1).requiresGrad(true);
        Tensor big = Tensor.of(new double[]{7, 8}, 2);
        Tensor y = Node.recordFresh(Tensor.of(new double[]{0}, 1), "view", g -> new Tensor[]{big.narrow(0, 1, 1)}, a);
        y.sum().backward();
        a.grad().fill(0.0);
        assertEquals(8, big.toDoubleArray()[1], 0);
    }
}
