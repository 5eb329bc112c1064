package io.seqlearn.nn.rnn;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import io.seqlearn.testing.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.seqlearn.nn.rnn.RnnTestSupport.assertClose;
import static org.junit.jupiter.api.Assertions.*;

/** Truncated BPTT and the stateful carry against PyTorch's chunked loop (fixtures/rnn/tbptt_lstm). */
class TruncatedBpttTest {

    private static LSTM fixtureLstm(Fixture f, DType dt, boolean stateful) {
        LSTM lstm = new LSTM(3, 4, LSTM.Options.defaults().withDtype(dt).withStateful(stateful));
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String k : lstm.stateDict().keySet()) state.put(k, f.get(k));
        lstm.loadStateDict(state, true);
        return lstm;
    }

    private static void checkGrads(Fixture f, LSTM lstm, Tensor x) {
        f.assertClose("grad.x", x.grad());
        lstm.namedParameters().forEach((k, p) -> f.assertClose("grad." + k, p.grad()));
    }

    @ParameterizedTest @EnumSource(DType.class)
    void chunkedWithDetachedStateMatchesPyTorch(DType dt) {
        Fixture f = Fixture.load("rnn/tbptt_lstm.safetensors", dt);
        LSTM lstm = fixtureLstm(f, dt, false);
        Tensor x = f.get("x").requiresGrad(true), g = f.get("g_out");
        int[] chunk = {0};
        LSTMState end = new TruncatedBptt(4, 4).run(x, null, (slice, s) -> {
            LSTMOutput o = lstm.forward(slice, null, s);
            return new TruncatedBptt.Step<>(o.output(), o.state());
        }, LSTMState::detach, w -> {
            int k = chunk[0]++;
            assertEquals(4 * k, w.from());
            f.assertClose("out.chunk" + k, w.output());
            f.assertClose("h_n.chunk" + k, w.state().h());
            f.assertClose("c_n.chunk" + k, w.state().c());
            w.output().mul(g.narrow(1, w.from(), w.to() - w.from())).sum().backward();
        });
        assertEquals(3, chunk[0]);
        assertNull(end.h().gradFn());
        f.assertClose("h_n.chunk2", end.h());
        checkGrads(f, lstm, x);
    }

    @ParameterizedTest @EnumSource(DType.class)
    void statefulLayerMatchesPyTorchChunks(DType dt) {
        Fixture f = Fixture.load("rnn/tbptt_lstm.safetensors", dt);
        LSTM lstm = fixtureLstm(f, dt, true);
        Tensor x = f.get("x").requiresGrad(true), g = f.get("g_out");
        for (int k = 0; k < 3; k++) {
            LSTMOutput o = lstm.forward(x.narrow(1, 4 * k, 4), null);
            f.assertClose("out.chunk" + k, o.output());
            o.output().mul(g.narrow(1, 4 * k, 4)).sum().backward();
            assertNull(lstm.carriedH().gradFn());
            f.assertClose("c_n.chunk" + k, lstm.carriedC());
        }
        checkGrads(f, lstm, x);
        lstm.resetStates();
        assertNull(lstm.carriedH());
    }

    /** TBPTT(2, 5): each window's gradient equals a fresh forward from the (recomputed) state at its start. */
    @Test
    void overlappingWindowsMatchRecomputedReference() {
        GRU gru = new GRU(2, 3, GRU.Options.defaults().withDtype(DType.F64).withSeed(3));
        Tensor x = Tensors.randn(DType.F64, new Rng(1), 2, 9, 2).requiresGrad(true);
        Tensor g = Tensors.randn(DType.F64, new Rng(2), 2, 9, 3);
        List<int[]> windows = new ArrayList<>();
        new TruncatedBptt(2, 5).run(x, null, (slice, s) -> {
            GRUOutput o = gru.forward(slice, null, s);
            return new TruncatedBptt.Step<>(o.output(), o.h());
        }, Tensor::detach, w -> {
            windows.add(new int[]{w.start(), w.from(), w.to()});
            w.output().mul(g.narrow(1, w.from(), w.to() - w.from())).sum().backward();
        });
        assertArrayEquals(new int[]{0, 0, 2}, windows.get(0));
        assertArrayEquals(new int[]{1, 4, 6}, windows.get(2));
        assertArrayEquals(new int[]{4, 8, 9}, windows.get(4));
        List<Tensor> leaves = new ArrayList<>(gru.parameters());
        leaves.add(x);
        List<double[]> got = RnnTestSupport.takeGrads(leaves);

        for (int[] w : windows) {
            Tensor start = null;
            if (w[0] > 0) {
                try (var off = GradMode.disabled()) {
                    start = gru.forward(x.narrow(1, 0, w[0]), null).h();
                }
            }
            Tensor out = gru.forward(x.narrow(1, w[0], w[2] - w[0]), null, start).output();
            out.narrow(1, w[1] - w[0], w[2] - w[1]).mul(g.narrow(1, w[1], w[2] - w[1])).sum().backward();
        }
        List<double[]> want = RnnTestSupport.takeGrads(leaves);
        for (int i = 0; i < leaves.size(); i++) assertClose("grad " + i, want.get(i), got.get(i), 1e-12);
    }

    @Test
    void rejectsBadWindows() {
        assertThrows(IllegalArgumentException.class, () -> new TruncatedBptt(4, 3));
        assertThrows(IllegalArgumentException.class, () -> new TruncatedBptt(0, 3));
    }

    @Test
    void statefulLayerRejectsABatchOfAnotherSize() {
        RNN rnn = new RNN(2, 3, RNN.Options.defaults().withStateful(true));
        rnn.forward(Tensors.zeros(DType.F32, 4, 3, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rnn.forward(Tensors.zeros(DType.F32, 2, 3, 2)));
        assertEquals("rnn: stateful layer carries a state for batch 4, got a batch of 2; call resetStates()", e.getMessage());
    }
}
