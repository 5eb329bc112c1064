package io.seqlearn.metrics;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassScoreTest {
    private static Tensor idx(int... v) { return Tensors.indices(DType.F32, v, v.length); }

    // truth:     0 0 0 1 1 2 2 2
    // predicted: 0 0 1 1 2 2 2 0
    private final Tensor truth = idx(0, 0, 0, 1, 1, 2, 2, 2);
    private final Tensor predicted = idx(0, 0, 1, 1, 2, 2, 2, 0);

    @Test void confusionMatrixCounts() {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        cm.update(predicted, truth);
        assertArrayEquals(new long[][]{{2, 1, 0}, {0, 1, 1}, {1, 0, 2}}, cm.matrix());
        assertEquals(5.0 / 8, cm.result());
        // precision: 2/3, 1/2, 2/3; recall: 2/3, 1/2, 2/3
        assertEquals(2.0 / 3, cm.precision(0), 1e-15);
        assertEquals(0.5, cm.recall(1), 1e-15);
    }

    @Test void fromScoresAndAveraging() {
        // scores whose argmax is 0, 2, 2, 1 against truth 0, 1, 2, 1
        Tensor scores = Tensor.of(new float[]{0.9f, 0.1f, 0, 0, 0.2f, 0.8f, 0, 0.1f, 0.9f, 0.1f, 0.8f, 0.1f}, 4, 3);
        Tensor y = idx(0, 1, 2, 1);
        ClassScore p = ClassScore.precision(3, Average.MACRO), r = ClassScore.recall(3, Average.MACRO);
        ClassScore f = ClassScore.f1(3, Average.MACRO), fw = ClassScore.f1(3, Average.WEIGHTED);
        ClassScore micro = ClassScore.f1(3, Average.MICRO);
        for (Metric m : new Metric[]{p, r, f, fw, micro}) m.update(scores, y);
        // per class: P = 1, 1, 1/2; R = 1, 1/2, 1; F1 = 1, 2/3, 2/3
        assertArrayEquals(new double[]{1, 1, 0.5}, p.perClass(), 1e-15);
        assertArrayEquals(new double[]{1, 0.5, 1}, r.perClass(), 1e-15);
        assertArrayEquals(new double[]{1, 2.0 / 3, 2.0 / 3}, f.perClass(), 1e-15);
        assertEquals(2.5 / 3, p.result(), 1e-15);
        assertEquals((1 + 4.0 / 3) / 3, f.result(), 1e-15);
        assertEquals((1 + 2 * 2.0 / 3 + 2.0 / 3) / 4, fw.result(), 1e-15);
        assertEquals(0.75, micro.result(), 1e-15);
        assertEquals("f1", f.name());
        assertEquals("f1_weighted", fw.name());
    }

    @Test void unseenClassesAreLeftOutOfTheMacroAverage() {
        ClassScore r = ClassScore.recall(5, Average.MACRO);
        r.update(idx(0, 1, 1), idx(0, 1, 0)); // classes 2..4 never appear
        assertEquals((0.5 + 1) / 2, r.result(), 1e-15);
        assertEquals(0.0, r.perClass()[3]);
    }

    @Test void ignoreIndexAndErrors() {
        ClassScore p = ClassScore.precision(2, Average.MACRO).ignoring(-1);
        p.update(idx(0, 1, 1), idx(0, -1, 0));
        assertEquals(0.5, p.result(), 1e-15);
        ConfusionMatrix cm = new ConfusionMatrix(2);
        var e = assertThrows(IllegalArgumentException.class, () -> cm.update(idx(0, 3), idx(0, 1)));
        assertEquals("confusion_matrix: prediction 3 out of range [0, 2)", e.getMessage());
    }
}
