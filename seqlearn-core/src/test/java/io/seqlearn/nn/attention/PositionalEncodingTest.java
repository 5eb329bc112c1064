package io.seqlearn.nn.attention;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PositionalEncodingTest {
    private final Rng rng = new Rng(1);

    @Test void sinusoidalTableFollowsThePaper() {
        var pe = new SinusoidalPositionalEncoding(6, 50, DType.F64);
        Tensor t = pe.stateDict().get("pe");
        assertEquals(Math.sin(1), t.get(1, 0), 1e-15);
        assertEquals(Math.cos(1), t.get(1, 1), 1e-15);
        assertEquals(Math.sin(7 / Math.pow(10000, 2.0 / 6)), t.get(7, 2), 1e-15);
        assertEquals(Math.cos(7 / Math.pow(10000, 4.0 / 6)), t.get(7, 5), 1e-15);
        Tensor x = Tensors.randn(DType.F64, rng, 2, 4, 6);
        assertArrayEquals(x.add(t.narrow(0, 3, 4)).toDoubleArray(), pe.forward(x, 3).toDoubleArray(), 1e-15);
        var e = assertThrows(ShapeException.class, () -> pe.forward(x, 47));
        assertEquals("positional_encoding: positions [47, 51) exceed maxLen 50", e.getMessage());
        assertEquals(0, pe.parameterCount());
    }

    @Test void learnedTableGetsGradientsOnlyForUsedPositions() {
        var pe = new LearnedPositionalEmbedding(10, 3, DType.F64, rng);
        Tensor x = Tensors.randn(DType.F64, rng, 2, 4, 3);
        pe.forward(x, 2).sum().backward();
        Tensor g = pe.weight().grad();
        assertEquals(0.0, g.get(1, 0));
        assertEquals(2.0, g.get(2, 0));
        assertEquals(2.0, g.get(5, 2));
        assertEquals(0.0, g.get(6, 1));
        GradCheck.check(in -> pe.forward(in[0], 1), x);
    }

    @Test void ropeScoresDependOnlyOnRelativePositionAndPreserveNorms() {
        for (boolean interleaved : new boolean[]{false, true}) {
            var rope = new RotaryEmbedding(8, 10000, interleaved);
            Tensor q = Tensors.randn(DType.F64, rng, 1, 8), k = Tensors.randn(DType.F64, rng, 1, 8);
            double s1 = rope.apply(q, 3).mul(rope.apply(k, 1)).sum().item();
            double s2 = rope.apply(q, 10).mul(rope.apply(k, 8)).sum().item();
            assertEquals(s1, s2, 1e-12, "interleaved=" + interleaved);
            double s3 = rope.apply(q, 10).mul(rope.apply(k, 7)).sum().item();
            assertNotEquals(s1, s3, 1e-6);
            assertEquals(q.square().sum().item(), rope.apply(q, 5).square().sum().item(), 1e-12);
            assertArrayEquals(q.toDoubleArray(), rope.apply(q, 0).toDoubleArray(), 1e-15);
            Tensor x = Tensors.randn(DType.F64, rng, 2, 3, 8);
            GradCheck.check(in -> rope.apply(in[0], 2), x);
            // a sequence rotated at once equals its positions rotated one by one
            assertArrayEquals(rope.apply(x, 4).narrow(1, 2, 1).toDoubleArray(), rope.apply(x.narrow(1, 2, 1), 6).toDoubleArray(), 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> new RotaryEmbedding(7));
    }
}
