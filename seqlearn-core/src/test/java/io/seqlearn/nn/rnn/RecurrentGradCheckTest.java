package io.seqlearn.nn.rnn;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.nn.rnn.RnnTestSupport.Kind;
import io.seqlearn.ops.F;
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

/**
 * Float64 central-difference gradient checks of the fused layers' hand-written backward, against every
 * input: x, h0, c0 and all parameters; outputs checked are output, h_n and c_n together.
 */
class RecurrentGradCheckTest {

    /** Checks the layer with ragged lengths, two layers, both directions and an initial state. */
    private static void check(RecurrentLayer layer, int[] lens, boolean init, Runnable beforeForward) {
        RecurrentSpec spec = layer.spec();
        Rng rng = new Rng(5);
        int b = lens.length, t = 4;
        Tensor x = Tensors.randn(DType.F64, rng, b, t, spec.inputSize());
        int ld = spec.numLayers() * spec.dirs();
        Tensor h0 = Tensors.randn(DType.F64, rng, ld, b, spec.outSize());
        Tensor c0 = Tensors.randn(DType.F64, rng, ld, b, spec.hiddenSize());
        boolean lstm = spec.kind().isLstm();
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        if (init) inputs.add(h0);
        if (init && lstm) inputs.add(c0);
        inputs.addAll(layer.parameters());
        Tensor lengths = lengthsTensor(lens);
        GradCheck.check(in -> {
            beforeForward.run();
            Tensor[] o = fused(layer, in[0], lengths, init ? in[1] : null, init && lstm ? in[2] : null);
            List<Tensor> flat = new ArrayList<>();
            for (Tensor v : o) if (v != null) flat.add(v.reshape(-1));
            return F.concat(flat, 0);
        }, 1e-6, 1e-6, inputs.toArray(new Tensor[0]));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoLayerBidirectionalRaggedWithInitialState(Kind kind) {
        RecurrentLayer layer = layer(kind, 3, 3, 2, true, 0, DType.F64, 1);
        check(layer, new int[]{4, 2, 1}, true, () -> {});
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void oneLayerUnidirectionalFullLength(Kind kind) {
        RecurrentLayer layer = layer(kind, 2, 3, 1, false, 0, DType.F64, 2);
        check(layer, new int[]{4, 4}, false, () -> {});
    }

    @Test
    void lstmWithProjectionRaggedBidirectional() {
        RecurrentLayer layer = layer(Kind.LSTM, 3, 4, 2, true, 2, DType.F64, 3);
        check(layer, new int[]{2, 4, 3}, true, () -> {});
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void withDropoutBetweenLayersAndRecurrentDropout(Kind kind) {
        RecurrentLayer layer = switch (kind) {
            case LSTM -> new LSTM(3, 3, LSTM.Options.defaults().withNumLayers(2).withBidirectional(true)
                    .withDropout(0.4).withRecurrentDropout(0.3).withDtype(DType.F64));
            case GRU -> new GRU(3, 3, GRU.Options.defaults().withNumLayers(2).withBidirectional(true)
                    .withDropout(0.4).withRecurrentDropout(0.3).withDtype(DType.F64));
            default -> new RNN(3, 3, RNN.Options.defaults().withNumLayers(2).withBidirectional(true)
                    .withDropout(0.4).withRecurrentDropout(0.3).withDtype(DType.F64)
                    .withNonlinearity(kind == Kind.RNN_RELU ? RNN.Nonlinearity.RELU : RNN.Nonlinearity.TANH));
        };
        // The same masks on every evaluation: the check differentiates one fixed dropout pattern.
        check(layer, new int[]{3, 4}, true, () -> layer.seedDropout(99));
    }

    @Test
    void withoutBias() {
        LSTM lstm = new LSTM(2, 3, LSTM.Options.defaults().withBias(false).withBidirectional(true).withDtype(DType.F64));
        check(lstm, new int[]{3, 1, 4}, true, () -> {});
        GRU gru = new GRU(2, 3, GRU.Options.defaults().withBias(false).withDtype(DType.F64));
        check(gru, new int[]{3, 1, 4}, true, () -> {});
    }
}
