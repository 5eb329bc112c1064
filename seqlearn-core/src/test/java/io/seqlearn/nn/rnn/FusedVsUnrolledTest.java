package io.seqlearn.nn.rnn;

import io.seqlearn.nn.rnn.RnnTestSupport.Kind;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.seqlearn.nn.rnn.RnnTestSupport.*;

/**
 * The fused single-node layers against the step-by-step unrolled reference (plain tensor ops and
 * autograd): outputs, final states and the gradients of input, initial state and every parameter, F64.
 */
class FusedVsUnrolledTest {

    static Stream<Arguments> configs() {
        List<Arguments> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (int layers : new int[]{1, 2}) {
                for (boolean bi : new boolean[]{false, true}) {
                    for (boolean ragged : new boolean[]{false, true}) {
                        for (boolean init : new boolean[]{false, true}) out.add(Arguments.of(k, layers, bi, ragged, init, 0));
                    }
                }
            }
        }
        out.add(Arguments.of(Kind.LSTM, 2, true, true, true, 2));
        out.add(Arguments.of(Kind.LSTM, 1, false, false, false, 2));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} layers={1} bi={2} ragged={3} h0={4} proj={5}")
    @MethodSource("configs")
    void matchesUnrolledReference(Kind kind, int layers, boolean bi, boolean ragged, boolean init, int proj) {
        int b = 4, t = 5, in = 3, hidden = 4;
        RecurrentLayer layer = layer(kind, in, hidden, layers, bi, proj, DType.F64, 7);
        Rng rng = new Rng(3);
        Tensor x = Tensors.randn(DType.F64, rng, b, t, in).requiresGrad(true);
        int[] lens = ragged ? new int[]{3, 5, 1, 4} : null;
        int ld = layers * (bi ? 2 : 1), out = proj > 0 ? proj : hidden;
        Tensor h0 = init ? Tensors.randn(DType.F64, rng, ld, b, out).requiresGrad(true) : null;
        Tensor c0 = init && kind == Kind.LSTM ? Tensors.randn(DType.F64, rng, ld, b, hidden).requiresGrad(true) : null;

        UnrolledReference.Out ref = UnrolledReference.run(layer, x, lens, h0, c0);
        Tensor[] refOuts = {ref.output(), ref.h(), ref.c()};
        mixLoss(refOuts, 11).backward();
        List<Tensor> leaves = new ArrayList<>(layer.parameters());
        leaves.add(x);
        if (h0 != null) leaves.add(h0);
        if (c0 != null) leaves.add(c0);
        List<double[]> refGrads = takeGrads(leaves);

        Tensor[] got = fused(layer, x, lens == null ? null : lengthsTensor(lens), h0, c0);
        assertClose("output", refOuts[0], got[0], 1e-12);
        assertClose("h", refOuts[1], got[1], 1e-12);
        if (refOuts[2] != null) assertClose("c", refOuts[2], got[2], 1e-12);
        mixLoss(got, 11).backward();
        List<double[]> grads = takeGrads(leaves);
        List<String> names = new ArrayList<>(layer.namedParameters().keySet());
        names.add("x");
        names.add("h0");
        names.add("c0");
        for (int i = 0; i < leaves.size(); i++) assertClose("grad " + names.get(i), refGrads.get(i), grads.get(i), 1e-11);
    }
}
