package io.seqlearn.nn.attention;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.ops.F;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class AdditiveAndLuongAttentionTest {
    private final Rng rng = new Rng(17);
    private final Tensor q = Tensors.randn(DType.F64, rng, 2, 3, 4);
    private final Tensor k = Tensors.randn(DType.F64, rng, 2, 5, 4);
    private final Tensor v = Tensors.randn(DType.F64, rng, 2, 5, 3);
    private final AttnMask pad = AttnMask.fromLengths(new int[]{5, 2}, 5, DType.F64);

    /** score(b, i, j) written element by element from the paper's formula, then masked softmax and context. */
    private Tensor[] reference(java.util.function.IntFunction<java.util.function.BiFunction<Tensor, Tensor, Double>> scoreOf) {
        Tensor w = Tensors.zeros(DType.F64, 2, 3, 5);
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                double[] e = new double[5];
                double z = 0;
                int len = b == 0 ? 5 : 2;
                for (int j = 0; j < len; j++) {
                    e[j] = Math.exp(scoreOf.apply(b).apply(q.select(0, b).select(0, i), k.select(0, b).select(0, j)));
                    z += e[j];
                }
                for (int j = 0; j < len; j++) w.set(e[j] / z, b, i, j);
            }
        }
        return new Tensor[]{w.matmul(v), w};
    }

    private static double dot(Tensor a, Tensor b) { return a.mul(b).sum().item(); }

    @Test void bahdanauMatchesTheFormulaAndGradChecks() {
        var att = new AdditiveAttention(4, 4, 6, DType.F64, rng);
        Map<String, Tensor> p = att.stateDict();
        assertEquals(List.of("query_proj.weight", "key_proj.weight", "key_proj.bias", "v.weight"), new ArrayList<>(p.keySet()));
        Tensor[] ref = reference(b -> (qi, kj) -> dot(p.get("v.weight").select(0, 0),
                F.linear(qi, p.get("query_proj.weight"), null).add(F.linear(kj, p.get("key_proj.weight"), p.get("key_proj.bias"))).tanh()));
        var out = att.forward(q, k, v, pad);
        assertArrayEquals(ref[0].toDoubleArray(), out.output().toDoubleArray(), 1e-12);
        assertArrayEquals(ref[1].toDoubleArray(), out.weights().toDoubleArray(), 1e-12);
        List<Tensor> in = new ArrayList<>(List.of(q, k, v));
        in.addAll(att.parameters());
        AttnMask none = AttnMask.fromLengths(new int[]{5, 0}, 5, DType.F64); // batch row 1 fully masked
        GradCheck.check(x -> att.forward(x[0], x[1], x[2], none).output(), in.toArray(new Tensor[0]));
        assertArrayEquals(new double[9], att.forward(q, k, v, none).output().select(0, 1).toDoubleArray());
    }

    @Test void oneDecoderStepHasNoTimeAxis() {
        var att = new AdditiveAttention(4, 4, 6, DType.F64, rng);
        Tensor kp = att.projectKeys(k);
        var step = att.forwardProjected(q.select(1, 1), kp, v, pad);
        assertArrayEquals(new int[]{2, 3}, step.output().shape());
        assertArrayEquals(new int[]{2, 5}, step.weights().shape());
        assertArrayEquals(att.forward(q, k, v, pad).output().select(1, 1).toDoubleArray(), step.output().toDoubleArray(), 1e-12);
        var e = assertThrows(ShapeException.class, () -> att.forward(Tensors.zeros(DType.F64, 2, 3, 7), k, v, null));
        assertEquals("additive_attention: query expected (2, *, 4), got (2, 3, 7)", e.getMessage());
    }

    @Test void luongDotGeneralConcatMatchTheirFormulasAndGradCheck() {
        var dot = new LuongAttention(LuongAttention.Score.DOT, 4, 4, 0, DType.F64, rng);
        assertArrayEquals(reference(b -> (qi, kj) -> dot(qi, kj))[0].toDoubleArray(), dot.forward(q, k, v, pad).output().toDoubleArray(), 1e-12);

        var gen = new LuongAttention(LuongAttention.Score.GENERAL, 4, 4, 0, DType.F64, rng);
        Tensor wa = gen.stateDict().get("key_proj.weight");
        assertArrayEquals(reference(b -> (qi, kj) -> dot(qi, wa.matmul(kj)))[0].toDoubleArray(),
                gen.forward(q, k, v, pad).output().toDoubleArray(), 1e-12);

        var cat = new LuongAttention(LuongAttention.Score.CONCAT, 4, 4, 5, DType.F64, rng);
        Map<String, Tensor> p = cat.stateDict();
        assertEquals(List.of("concat_proj.weight", "v.weight"), new ArrayList<>(p.keySet()));
        assertArrayEquals(reference(b -> (qi, kj) -> dot(p.get("v.weight").select(0, 0),
                        p.get("concat_proj.weight").matmul(F.concat(List.of(qi, kj), 0)).tanh()))[0].toDoubleArray(),
                cat.forward(q, k, v, pad).output().toDoubleArray(), 1e-12);

        AttnMask none = AttnMask.fromLengths(new int[]{0, 3}, 5, DType.F64);
        for (var m : List.of(dot, gen, cat)) {
            List<Tensor> in = new ArrayList<>(List.of(q, k, v));
            in.addAll(m.parameters());
            GradCheck.check(x -> m.forward(x[0], x[1], x[2], none).output(), in.toArray(new Tensor[0]));
        }
        assertThrows(IllegalArgumentException.class, () -> new LuongAttention(LuongAttention.Score.DOT, 4, 3, 0, DType.F64, rng));
    }
}
