package io.seqlearn.nn.rnn;

import io.seqlearn.autograd.GradMode;
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
 * The F32 fast path (packed W_hh, fused tiles, vector pointwise, steps split over threads by units or the
 * batch split by rows, or the whole pass split into batch groups with summed weight gradients) against the
 * reference path (backend GEMM per step, scalar kernels) on the same layer: forward values, final states
 * and every gradient, in training and in no-grad inference. Hidden sizes cover full 16-unit blocks, a
 * partial last block, and row counts that are not multiples of the 6-row tile. The fast runs take their
 * saved-activation buffers from {@link ScratchPool} filled with NaN, so an element backward reads that the
 * forward did not write (or a padding row not zeroed) fails the comparison.
 */
class FastPathParityTest {

    static Stream<Arguments> configs() {
        List<Arguments> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            out.add(Arguments.of(k, 16, 1, false, false, 0.0, Tuning.FAST_SERIAL));
            out.add(Arguments.of(k, 37, 2, true, true, 0.0, Tuning.FAST_PARALLEL));
            out.add(Arguments.of(k, 48, 1, true, false, 0.3, Tuning.FAST_PARALLEL));
            out.add(Arguments.of(k, 20, 2, false, true, 0.25, Tuning.FAST_SERIAL));
            out.add(Arguments.of(k, 37, 2, true, true, 0.0, Tuning.FAST_ROWS));
            out.add(Arguments.of(k, 16, 1, false, false, 0.3, Tuning.FAST_ROWS));
            out.add(Arguments.of(k, 37, 2, true, true, 0.2, Tuning.FAST_ROWS_BLOCKS));
            out.add(Arguments.of(k, 37, 2, true, true, 0.2, Tuning.FAST_GROUPS));
            out.add(Arguments.of(k, 16, 1, false, false, 0.0, Tuning.FAST_GROUPS));
        }
        return out.stream();
    }

    private static Tensor[] run(RecurrentLayer layer, Tuning tuning, Tensor x, Tensor lens, Tensor h0, Tensor c0,
                                List<Tensor> leaves, List<double[]> grads) {
        layer.useTuning(tuning);
        layer.seedDropout(5);
        Tensor[] o = fused(layer, x, lens, h0, c0);
        mixLoss(o, 3).backward();
        grads.addAll(takeGrads(leaves));
        return o;
    }

    @ParameterizedTest(name = "{0} H={1} layers={2} bi={3} ragged={4} recDropout={5}")
    @MethodSource("configs")
    void fastMatchesReference(Kind kind, int hidden, int layers, boolean bi, boolean ragged, double recDropout, Tuning fast) {
        int b = 13, t = 9, in = 10;
        RecurrentLayer layer = switch (kind) {
            case LSTM -> new LSTM(in, hidden, LSTM.Options.defaults().withNumLayers(layers).withBidirectional(bi)
                    .withRecurrentDropout(recDropout).withDropout(0.2).withSeed(4));
            case GRU -> new GRU(in, hidden, GRU.Options.defaults().withNumLayers(layers).withBidirectional(bi)
                    .withRecurrentDropout(recDropout).withDropout(0.2).withSeed(4));
            default -> new RNN(in, hidden, RNN.Options.defaults().withNumLayers(layers).withBidirectional(bi)
                    .withRecurrentDropout(recDropout).withDropout(0.2).withSeed(4)
                    .withNonlinearity(kind == Kind.RNN_RELU ? RNN.Nonlinearity.RELU : RNN.Nonlinearity.TANH));
        };
        Rng rng = new Rng(8);
        Tensor x = Tensors.randn(DType.F32, rng, b, t, in).requiresGrad(true);
        int ld = layers * (bi ? 2 : 1);
        Tensor h0 = Tensors.randn(DType.F32, rng, ld, b, hidden).requiresGrad(true);
        Tensor c0 = kind == Kind.LSTM ? Tensors.randn(DType.F32, rng, ld, b, hidden).requiresGrad(true) : null;
        Tensor lens = ragged ? lengthsTensor(9, 1, 4, 9, 7, 2, 9, 3, 5, 8, 6, 1, 9) : null;
        List<Tensor> leaves = new ArrayList<>(layer.parameters());
        leaves.add(x);
        leaves.add(h0);
        if (c0 != null) leaves.add(c0);

        List<double[]> refGrads = new ArrayList<>(), fastGrads = new ArrayList<>();
        Tensor[] ref = run(layer, Tuning.REFERENCE, x, lens, h0, c0, leaves, refGrads);
        Tensor[] got;
        ScratchPool.poison = true;   // the fast path's saved buffers come from the pool: every read element must be written
        try {
            got = run(layer, fast, x, lens, h0, c0, leaves, fastGrads);
        } finally {
            ScratchPool.poison = false;
        }
        for (int i = 0; i < 3; i++) if (ref[i] != null) assertClose("output " + i, ref[i], got[i], 2e-6);
        for (int i = 0; i < leaves.size(); i++) assertClose("grad " + i, refGrads.get(i), fastGrads.get(i), 2e-5);

        layer.eval();
        Tensor[] inferRef, inferFast;
        try (var g = GradMode.disabled()) {
            layer.useTuning(Tuning.REFERENCE);
            inferRef = fused(layer, x, lens, h0, c0);
            layer.useTuning(fast);
            inferFast = fused(layer, x, lens, h0, c0);
        }
        for (int i = 0; i < 3; i++) if (inferRef[i] != null) assertClose("inference " + i, inferRef[i], inferFast[i], 2e-6);
    }
}
