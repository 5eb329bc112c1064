package io.seqlearn.ops;

import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Reshape's backward when the incoming gradient is one broadcast value (sum's): a stride-0 view, same values. */
class ReshapeGradTest {

    @Test void sumThroughReshapeAndNarrowGivesOnesOnTheSlice() {
        Tensor x = Tensor.of(new float[]{1, 2, 3, 4, 5, 6}, 6).requiresGrad(true);
        x.narrow(0, 1, 4).reshape(2, 2).sum().mul(3.0).backward();
        assertArrayEquals(new double[]{0, 3, 3, 3, 3, 0}, x.grad().toDoubleArray(), 0);
    }

    @Test void broadcastGradientIntoALeafIsCopiedDense() {
        Tensor x = Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        x.reshape(3, 2).sum().backward();
        x.reshape(6).mul(x.reshape(6)).sum().backward();   // accumulates into the first gradient
        assertArrayEquals(new double[]{3, 5, 7, 9, 11, 13}, x.grad().toDoubleArray(), 0);
    }
}
