package io.seqlearn.nn.rnn;

import io.seqlearn.backend.cpu.CpuBackend;
import io.seqlearn.nn.rnn.RnnTestSupport.Kind;
import io.seqlearn.tensor.Backends;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static io.seqlearn.nn.rnn.RnnTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The batch split into groups run as passes of their own ({@link GroupedRecurrent}) against the same layer
 * run as one pass, on a backend with two threads whatever the machine has: outputs, final states and every
 * gradient (the groups' weight gradients are summed), with ragged lengths, initial states and two layers.
 */
class BatchGroupsTest {

    @Test
    void splitBalancesWorkAndGivesEveryGroupARow() {
        CpuBackend be = new CpuBackend(2);
        RecurrentSpec spec = new RecurrentSpec(CellKind.LSTM, 4, 8, 0, 1, false, true);
        assertArrayEquals(new int[]{0, 16, 32}, BatchGroups.split(be, spec, DType.F32, 32, 50, null, Tuning.DEFAULT));
        // by work: the first rows are long, so the first group has fewer rows
        int[] g = BatchGroups.split(be, spec, DType.F32, 6, 10, new int[]{10, 10, 1, 1, 1, 1}, Tuning.FAST_GROUPS);
        assertArrayEquals(new int[]{0, 1, 6}, g);
        assertArrayEquals(new int[]{0, 1, 2}, BatchGroups.split(be, spec, DType.F32, 2, 3, null, Tuning.FAST_GROUPS));
        assertNull(BatchGroups.split(be, spec, DType.F32, 15, 50, null, Tuning.DEFAULT), "fewer than 8 rows per group");
        assertNull(BatchGroups.split(new CpuBackend(1), spec, DType.F32, 64, 50, null, Tuning.DEFAULT));
        assertNull(BatchGroups.split(be, spec, DType.F64, 64, 50, null, Tuning.DEFAULT), "F64 takes the reference path");
        assertNull(BatchGroups.split(be, spec, DType.F32, 64, 50, null, Tuning.FAST_ROWS));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void groupsMatchOnePass(Kind kind) throws Exception {
        Backends.withDefault(new CpuBackend(2), () -> {
            check(kind);
            return null;
        });
    }

    private static void check(Kind kind) {
        int b = 11, t = 7, in = 5, hidden = 19, layers = 2;
        RecurrentLayer layer = RnnTestSupport.layer(kind, in, hidden, layers, true, 0, DType.F32, 3);
        Rng rng = new Rng(6);
        Tensor x = Tensors.randn(DType.F32, rng, b, t, in).requiresGrad(true);
        Tensor h0 = Tensors.randn(DType.F32, rng, 2 * layers, b, hidden).requiresGrad(true);
        Tensor c0 = kind == Kind.LSTM ? Tensors.randn(DType.F32, rng, 2 * layers, b, hidden).requiresGrad(true) : null;
        Tensor lens = lengthsTensor(7, 1, 4, 7, 6, 2, 7, 3, 5, 7, 1);
        assertNotNull(BatchGroups.split(x.backend(), layer.spec(), DType.F32, b, t, null, Tuning.FAST_GROUPS),
                "the grouped path must run here");
        List<Tensor> leaves = new ArrayList<>(layer.parameters());
        leaves.add(x);
        leaves.add(h0);
        if (c0 != null) leaves.add(c0);
        List<double[]> oneGrads = new ArrayList<>(), groupGrads = new ArrayList<>();
        Tensor[] one = run(layer, Tuning.FAST_ROWS, x, lens, h0, c0, leaves, oneGrads);
        Tensor[] grouped = run(layer, Tuning.FAST_GROUPS, x, lens, h0, c0, leaves, groupGrads);
        for (int i = 0; i < 3; i++) if (one[i] != null) assertClose("output " + i, one[i], grouped[i], 1e-6);
        for (int i = 0; i < leaves.size(); i++) assertClose("grad " + i, oneGrads.get(i), groupGrads.get(i), 1e-5);
    }

    private static Tensor[] run(RecurrentLayer layer, Tuning tuning, Tensor x, Tensor lens, Tensor h0, Tensor c0,
                                List<Tensor> leaves, List<double[]> grads) {
        layer.useTuning(tuning);
        Tensor[] o = fused(layer, x, lens, h0, c0);
        mixLoss(o, 3).backward();
        grads.addAll(takeGrads(leaves));
        return o;
    }
}
