package io.seqlearn.tasks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassificationReportTest {
    @Test
    void matchesScoresComputedByHand() {
        // truth a a a b b c; predicted a a b b c c
        int[] truth = {0, 0, 0, 1, 1, 2}, pred = {0, 0, 1, 1, 2, 2};
        ClassificationReport r = ClassificationReport.of(List.of("a", "b", "c"), truth, pred);
        assertEquals(4.0 / 6, r.accuracy(), 1e-12);
        assertArrayEquals(new long[]{2, 1, 0}, r.confusion()[0]);
        assertArrayEquals(new long[]{0, 1, 1}, r.confusion()[1]);
        assertArrayEquals(new long[]{0, 0, 1}, r.confusion()[2]);
        // a: p 1, r 2/3, f 0.8; b: p 1/2, r 1/2, f 1/2; c: p 1/2, r 1, f 2/3 (sklearn f1_score average="macro")
        assertArrayEquals(new double[]{0.8, 0.5, 2.0 / 3}, r.f1(), 1e-12);
        assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, r.macroF1(), 1e-12);
        assertTrue(r.table().contains("accuracy 0.6667, macro-F1 0.6556"), r.table());
    }
}
