package io.seqlearn.nn.rnn;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.seqlearn.nn.rnn.RnnTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** The Keras-style wrapper: equal to the built-in bidirectional flag, merge modes, gradients. */
class BidirectionalTest {
    private final Rng rng = new Rng(23);

    /** A wrapper whose two LSTMs hold the l0 and l0_reverse weights of {@code bi}. */
    private static Bidirectional wrap(LSTM bi, MergeMode mode, DType dt) {
        LSTM f = new LSTM(3, 4, LSTM.Options.defaults().withDtype(dt)), b = new LSTM(3, 4, LSTM.Options.defaults().withDtype(dt));
        Map<String, Tensor> s = bi.stateDict();
        f.loadStateDict(Map.of("weight_ih_l0", s.get("weight_ih_l0"), "weight_hh_l0", s.get("weight_hh_l0"),
                "bias_ih_l0", s.get("bias_ih_l0"), "bias_hh_l0", s.get("bias_hh_l0")), true);
        b.loadStateDict(Map.of("weight_ih_l0", s.get("weight_ih_l0_reverse"), "weight_hh_l0", s.get("weight_hh_l0_reverse"),
                "bias_ih_l0", s.get("bias_ih_l0_reverse"), "bias_hh_l0", s.get("bias_hh_l0_reverse")), true);
        return new Bidirectional(f, b, mode);
    }

    @Test
    void concatEqualsTheBidirectionalFlagWithRaggedLengths() {
        LSTM bi = new LSTM(3, 4, LSTM.Options.defaults().withBidirectional(true).withDtype(DType.F64).withSeed(2));
        Bidirectional wrapper = wrap(bi, MergeMode.CONCAT, DType.F64);
        Tensor x = Tensors.randn(DType.F64, rng, 3, 5, 3).requiresGrad(true);
        Tensor lens = lengthsTensor(5, 2, 4);
        LSTMOutput ref = bi.forward(x, lens);
        BidirectionalOutput got = wrapper.forward(x, lens);
        assertClose("output", ref.output(), got.output(), 1e-13);
        assertClose("backward h", ref.h().select(0, 1), got.backward().h().select(0, 0), 1e-13);
        ref.output().mul(ref.output()).sum().backward();
        double[] dxRef = x.grad().toDoubleArray();
        x.setGrad(null);
        got.output().mul(got.output()).sum().backward();
        assertClose("dx", dxRef, x.grad().toDoubleArray(), 1e-12);
        assertClose("dW_hh reverse", bi.stateDict().get("weight_hh_l0_reverse").grad(),
                wrapper.backwardLayer().stateDict().get("weight_hh_l0").grad(), 1e-12);
        assertTrue(wrapper.namedParameters().containsKey("backward.weight_ih_l0"));
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void mergeModesCombineTheAlignedDirections(MergeMode mode) {
        LSTM bi = new LSTM(3, 4, LSTM.Options.defaults().withBidirectional(true).withSeed(3));
        Tensor x = Tensors.randn(DType.F32, rng, 2, 4, 3);
        Tensor both = bi.forward(x);
        Tensor f = both.narrow(2, 0, 4), b = both.narrow(2, 4, 4);
        Tensor want = switch (mode) {
            case CONCAT -> both;
            case SUM -> f.add(b);
            case MUL -> f.mul(b);
            case AVERAGE -> f.add(b).mul(0.5);
        };
        assertClose(mode.name(), want, wrap(bi, mode, DType.F32).forward(x), 1e-6);
    }

    @Test
    void gradCheckWithRaggedLengthsAndGruSum() {
        GRU f = new GRU(2, 3, GRU.Options.defaults().withDtype(DType.F64).withSeed(5));
        GRU b = new GRU(2, 3, GRU.Options.defaults().withDtype(DType.F64).withSeed(6));
        Bidirectional wrapper = new Bidirectional(f, b, MergeMode.MUL);
        Tensor x = Tensors.randn(DType.F64, rng, 2, 3, 2);
        Tensor lens = lengthsTensor(3, 2);
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        inputs.addAll(wrapper.parameters());
        GradCheck.check(in -> wrapper.forward(in[0], lens).output(), inputs.toArray(new Tensor[0]));
    }

    @Test
    void lastOutputsWhenNotReturningSequences() {
        GRU f = new GRU(2, 3, GRU.Options.defaults().withReturnSequences(false).withSeed(1));
        GRU b = new GRU(2, 3, GRU.Options.defaults().withReturnSequences(false).withSeed(2));
        Bidirectional wrapper = new Bidirectional(f, b);
        Tensor x = Tensors.randn(DType.F32, rng, 2, 4, 2);
        Tensor last = wrapper.forward(x);
        assertArrayEquals(new int[]{2, 6}, last.shape());
        BidirectionalOutput full = wrapper.forward(x, null);
        for (int j = 0; j < 3; j++) {
            assertEquals(full.output().get(1, 3, j), last.get(1, j), 1e-7);
            assertEquals(full.output().get(1, 0, 3 + j), last.get(1, 3 + j), 1e-7);
        }
    }

    @Test
    void rejectsMismatchedLayers() {
        assertThrows(IllegalArgumentException.class, () -> new Bidirectional(new GRU(2, 3), new GRU(2, 4), MergeMode.SUM));
        assertThrows(IllegalArgumentException.class, () -> new Bidirectional(
                new GRU(2, 3, GRU.Options.defaults().withBidirectional(true)), new GRU(2, 3)));
    }
}
