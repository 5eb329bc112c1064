package io.seqlearn.ops;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Central-difference checks in F64 of every differentiable op's backward. */
class OpsGradCheckTest {
    private final Rng rng = new Rng(7);

    private Tensor r(int... shape) { return Tensors.uniform(DType.F64, rng, -1, 1, shape); }

    private Tensor pos(int... shape) { return Tensors.uniform(DType.F64, rng, 0.5, 2, shape); }

    @Test void unaryOps() {
        GradCheck.check(x -> x[0].neg(), r(3, 4));
        GradCheck.check(x -> x[0].exp(), r(3, 4));
        GradCheck.check(x -> x[0].log(), pos(3, 4));
        GradCheck.check(x -> x[0].tanh(), r(3, 4));
        GradCheck.check(x -> x[0].sigmoid(), r(3, 4));
        GradCheck.check(x -> x[0].relu(), r(3, 4));
        GradCheck.check(x -> x[0].gelu(), r(3, 4));
        GradCheck.check(x -> Elementwise.geluTanh(x[0]), r(3, 4));
        GradCheck.check(x -> x[0].sqrt(), pos(3, 4));
        GradCheck.check(x -> x[0].abs(), r(3, 4));
        GradCheck.check(x -> x[0].square(), r(3, 4));
        GradCheck.check(x -> x[0].pow(3), r(3, 4));
        GradCheck.check(x -> x[0].clamp(-0.5, 0.5), r(3, 4));
        GradCheck.check(x -> x[0].add(2.0).mul(3.0), r(3, 4));
    }

    @Test void binaryOpsWithBroadcasting() {
        GradCheck.check(x -> x[0].add(x[1]), r(2, 3, 4), r(3, 1));
        GradCheck.check(x -> x[0].sub(x[1]), r(2, 3, 4), r(4));
        GradCheck.check(x -> x[0].mul(x[1]), r(1, 3, 4), r(2, 1, 4));
        GradCheck.check(x -> x[0].div(x[1]), r(3, 4), pos(3, 4));
        GradCheck.check(x -> x[0].maximum(x[1]), r(3, 4), r(3, 4));
        GradCheck.check(x -> x[0].minimum(x[1]), r(3, 4), r(4));
        GradCheck.check(x -> x[0].transpose(0, 1).mul(x[1]), r(4, 3), r(3, 4));
    }

    @Test void reductions() {
        GradCheck.check(x -> x[0].sum(), r(3, 4));
        GradCheck.check(x -> x[0].sum(1, false), r(2, 3, 4));
        GradCheck.check(x -> x[0].sum(0, true), r(2, 3, 4));
        GradCheck.check(x -> x[0].mean(), r(3, 4));
        GradCheck.check(x -> x[0].mean(-1, true), r(3, 4));
        GradCheck.check(x -> x[0].max(1, false), r(3, 5));
        GradCheck.check(x -> x[0].logsumexp(1, false), r(3, 5));
        GradCheck.check(x -> x[0].logsumexp(0, true), r(3, 5));
    }

    @Test void softmaxes() {
        GradCheck.check(x -> x[0].softmax(-1), r(3, 5));
        GradCheck.check(x -> x[0].softmax(1), r(2, 3, 4));
        GradCheck.check(x -> x[0].logSoftmax(-1), r(3, 5));
        GradCheck.check(x -> x[0].logSoftmax(0), r(3, 5));
    }

    @Test void matmul() {
        GradCheck.check(x -> x[0].matmul(x[1]), r(3, 4), r(4, 5));
        GradCheck.check(x -> x[0].matmul(x[1]), r(2, 3, 4), r(4, 5));
        GradCheck.check(x -> x[0].matmul(x[1]), r(2, 1, 3, 4), r(3, 4, 2));
        GradCheck.check(x -> x[0].matmul(x[1].transpose(0, 1)), r(3, 4), r(5, 4));
        GradCheck.check(x -> x[0].transpose(1, 2).matmul(x[1]), r(2, 4, 3), r(2, 4, 5));
        GradCheck.check(x -> x[0].matmul(x[1]), r(4), r(4, 5));
        GradCheck.check(x -> x[0].matmul(x[1]), r(3, 4), r(4));
        GradCheck.check(x -> x[0].matmul(x[1]), r(4), r(4));
        GradCheck.check(x -> F.linear(x[0], x[1], x[2]), r(2, 3, 4), r(5, 4), r(5));
    }

    @Test void fusedLayerNormMatchesCompositeAndGradChecks() {
        Tensor x = r(3, 5).mul(3.0).add(1.0), w = r(5), b = r(5);
        GradCheck.check(in -> LayerNormOp.apply(in[0], in[1], in[2], 1e-5), x, w, b);
        GradCheck.check(in -> LayerNormOp.apply(in[0], null, null, 1e-5), r(2, 3, 4));
        Tensor mu = x.mean(-1, true), xc = x.sub(mu);
        Tensor composite = xc.div(xc.square().mean(-1, true).add(1e-5).sqrt()).mul(w).add(b);
        double[] want = composite.toDoubleArray(), got = LayerNormOp.apply(x, w, b, 1e-5).toDoubleArray();
        for (int i = 0; i < want.length; i++) org.junit.jupiter.api.Assertions.assertEquals(want[i], got[i], 1e-12);
    }

    @Test void views() {
        GradCheck.check(x -> x[0].reshape(4, 3).mul(x[1]), r(3, 4), r(4, 3));
        GradCheck.check(x -> x[0].permute(2, 0, 1).contiguous().reshape(-1), r(2, 3, 4));
        GradCheck.check(x -> x[0].narrow(1, 1, 2), r(3, 4));
        GradCheck.check(x -> x[0].select(0, 2), r(3, 4));
        GradCheck.check(x -> x[0].expand(2, 3, 4), r(3, 1));
        GradCheck.check(x -> x[0].unsqueeze(1).squeeze(1), r(3, 4));
        GradCheck.check(x -> x[0].transpose(0, 1).reshape(12), r(3, 4));
    }

    @Test void joiningAndSplitting() {
        GradCheck.check(x -> F.concat(List.of(x[0], x[1]), 1), r(2, 3), r(2, 4));
        GradCheck.check(x -> F.stack(List.of(x[0], x[1]), 0), r(2, 3), r(2, 3));
        GradCheck.check(x -> F.split(x[0], 2, 1).get(1), r(2, 5));
        GradCheck.check(x -> F.chunk(x[0], 3, 0).get(2).mul(2.0), r(7, 2));
    }

    @Test void indexing() {
        Tensor idx = Tensors.indices(DType.F64, new int[]{2, 0, 1, 1, 0, 3}, 2, 3);
        GradCheck.check(x -> x[0].gather(1, idx), r(2, 4));
        Tensor rows = Tensors.indices(DType.F64, new int[]{2, 0, 2});
        GradCheck.check(x -> x[0].indexSelect(0, rows), r(3, 4));
        GradCheck.check(x -> x[0].indexSelect(1, rows), r(2, 3));
        GradCheck.check(x -> F.scatterAdd(x[0], 1, idx, x[1]), r(2, 4), r(2, 3));
        Tensor mask = Tensors.indices(DType.F64, new int[]{1, 0, 0, 1}, 4);
        GradCheck.check(x -> x[0].maskedFill(mask, -3.0), r(3, 4));
        GradCheck.check(x -> x[0].maskedFill(mask, Double.NEGATIVE_INFINITY).softmax(-1), r(3, 4));
        Tensor cond = Tensors.indices(DType.F64, new int[]{1, 0, 1}, 3, 1);
        GradCheck.check(x -> F.where(cond, x[0], x[1]), r(3, 4), r(4));
        // Through F32 rounding the central difference needs a coarse step.
        GradCheck.check(x -> x[0].to(DType.F32).to(DType.F64), 1e-2, 1e-4, r(3));
    }

    @Test void gradcheckDetectsAWrongGradient() {
        // A deliberately wrong backward: a function whose autograd graph is cut must fail the check.
        assertThrows(AssertionError.class, () -> GradCheck.check(x -> x[0].mul(x[0].detach()), r(3)));
    }
}
