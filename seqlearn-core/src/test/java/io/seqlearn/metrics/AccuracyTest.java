package io.seqlearn.metrics;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccuracyTest {
    private static Tensor idx(int[] v, int... shape) { return Tensors.indices(DType.F32, v, shape); }

    // argmax per row: 1, 0, 2, 2
    private final Tensor scores = Tensor.of(new float[]{
            0.1f, 0.7f, 0.2f,
            0.5f, 0.3f, 0.2f,
            0.0f, 0.1f, 0.9f,
            0.3f, 0.3f, 0.4f}, 4, 3);

    @Test void sparseAccumulatesOverBatches() {
        Accuracy a = Accuracy.sparse();
        assertTrue(Double.isNaN(a.result()));
        a.update(scores, idx(new int[]{1, 0, 1, 2}, 4)); // 3 of 4
        assertEquals(0.75, a.result());
        a.update(scores.narrow(0, 0, 2), idx(new int[]{2, 2}, 2)); // 0 of 2
        assertEquals(3.0 / 6, a.result());
        a.reset();
        a.update(scores, idx(new int[]{1, 0, 2, 2}, 4));
        assertEquals(1.0, a.result());
        assertEquals("accuracy", a.name());
    }

    @Test void sequenceOutputsSkipThePadIndex() {
        Tensor seq = scores.reshape(2, 2, 3); // (B, T, C): predictions [[1, 0], [2, 2]]
        Accuracy a = Accuracy.sparse(0);
        a.update(seq, idx(new int[]{1, 0, 1, 2}, 2, 2)); // position (0,1) is padding: 2 of 3
        assertEquals(2.0 / 3, a.result(), 1e-15);
        assertEquals(3, a.count());
        TokenAccuracy t = new TokenAccuracy(0);
        t.update(idx(new int[]{1, 1, 2, 1}, 2, 2), idx(new int[]{1, 0, 1, 2}, 2, 2)); // labels: 1 of 3
        assertEquals(1.0 / 3, t.result(), 1e-15);
        assertEquals("token_accuracy", t.name());
        assertEquals(3, t.tokens());
    }

    @Test void tiesTakeTheFirstMaximum() {
        Accuracy a = Accuracy.sparse();
        a.update(Tensor.of(new float[]{0.5f, 0.5f}, 1, 2), idx(new int[]{0}, 1));
        assertEquals(1.0, a.result());
    }

    @Test void categoricalAndBinary() {
        Accuracy c = Accuracy.categorical();
        Tensor oneHot = Tensor.of(new float[]{0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0}, 4, 3);
        c.update(scores, oneHot); // rows 0 and 2 right
        assertEquals(0.5, c.result());
        Accuracy b = Accuracy.binary(0.5);
        b.update(Tensor.of(new float[]{0.2f, 0.8f, 0.6f}, 3), Tensor.of(new float[]{0, 1, 0}, 3));
        assertEquals(2.0 / 3, b.result(), 1e-15);
    }

    @Test void topK() {
        TopKAccuracy top2 = new TopKAccuracy(2);
        top2.update(scores, idx(new int[]{2, 2, 0, 1}, 4));
        // row 0: 2 is 2nd ✓; row 1: 2 is 3rd ✗; row 2: 0 is 3rd ✗; row 3: 1 ties 0 below 2 → 2nd ✓
        assertEquals(0.5, top2.result());
        assertEquals("top_2_accuracy", top2.name());
        TopKAccuracy top1 = new TopKAccuracy(1, -1);
        top1.update(scores, idx(new int[]{1, -1, 2, 0}, 4));
        assertEquals(2.0 / 3, top1.result(), 1e-15);
    }

    @Test void shapeErrorsNameTheMetric() {
        var e = assertThrows(ShapeException.class, () -> Accuracy.sparse().update(scores, idx(new int[]{1, 2, 0}, 3)));
        assertEquals("accuracy: target expected (4,) for scores (4, 3) (class axis last), got (3,)", e.getMessage());
        assertThrows(ShapeException.class, () -> Accuracy.categorical().update(scores, idx(new int[]{1, 2, 0, 1}, 4)));
        assertThrows(IllegalArgumentException.class, () -> new TopKAccuracy(0));
    }
}
