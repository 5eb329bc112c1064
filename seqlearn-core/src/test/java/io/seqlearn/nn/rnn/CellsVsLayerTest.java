package io.seqlearn.nn.rnn;

import io.seqlearn.nn.Module;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;

import static io.seqlearn.nn.rnn.RnnTestSupport.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A loop of one-step cells agrees with the fused one-layer layer: outputs, states and weight gradients. */
class CellsVsLayerTest {

    /** Copies a layer's l0 parameters into a cell (PyTorch names: weight_ih_l0 → weight_ih). */
    private static void copyWeights(Module layer, Module cell) {
        Map<String, Tensor> state = new HashMap<>();
        layer.stateDict().forEach((k, v) -> state.put(k.replace("_l0", ""), v));
        cell.loadStateDict(state, true);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void lstmCellLoopMatchesLayer(DType dtype) {
        double tol = dtype == DType.F32 ? 1e-6 : 1e-12;
        LSTM layer = new LSTM(5, 6, LSTM.Options.defaults().withDtype(dtype).withSeed(4));
        LSTMCell cell = new LSTMCell(5, 6, true, dtype, new Rng(9));
        copyWeights(layer, cell);
        Tensor x = Tensors.randn(dtype, new Rng(1), 3, 7, 5);
        Tensor h0 = Tensors.randn(dtype, new Rng(2), 1, 3, 6), c0 = Tensors.randn(dtype, new Rng(3), 1, 3, 6);
        LSTMOutput fused = layer.forward(x, null, new LSTMState(h0, c0));
        LSTMState s = new LSTMState(h0.select(0, 0), c0.select(0, 0));
        Tensor loss = null;
        for (int t = 0; t < 7; t++) {
            s = cell.forward(x.select(1, t), s);
            assertClose("h at t=" + t, fused.output().select(1, t), s.h(), tol);
            Tensor term = s.h().mul((double) (t + 1)).sum();
            loss = loss == null ? term : loss.add(term);
        }
        assertClose("c_n", fused.c().select(0, 0), s.c(), tol);
        loss.backward();
        Tensor weights = Tensors.zeros(dtype, 1, 7, 1);
        for (int t = 0; t < 7; t++) weights.set(t + 1, 0, t, 0);
        fused.output().mul(weights).sum().backward();
        assertClose("dW_ih", layer.parameters(0, 0).get(0).grad(), cell.weightIh().grad(), tol * 10);
        assertClose("dW_hh", layer.parameters(0, 0).get(1).grad(), cell.weightHh().grad(), tol * 10);
        assertClose("db_hh", layer.parameters(0, 0).get(3).grad(), cell.biasHh().grad(), tol * 10);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void gruCellLoopMatchesLayer(DType dtype) {
        double tol = dtype == DType.F32 ? 1e-6 : 1e-12;
        GRU layer = new GRU(4, 5, GRU.Options.defaults().withDtype(dtype).withSeed(5));
        GRUCell cell = new GRUCell(4, 5, true, dtype, new Rng(9));
        copyWeights(layer, cell);
        Tensor x = Tensors.randn(dtype, new Rng(1), 2, 6, 4);
        Tensor h0 = Tensors.randn(dtype, new Rng(2), 1, 2, 5);
        GRUOutput fused = layer.forward(x, null, h0);
        Tensor h = h0.select(0, 0);
        for (int t = 0; t < 6; t++) {
            h = cell.forward(x.select(1, t), h);
            assertClose("h at t=" + t, fused.output().select(1, t), h, tol);
        }
        h.sum().backward();
        fused.h().sum().backward();
        assertClose("dW_hh", layer.parameters(0, 0).get(1).grad(), cell.weightHh().grad(), tol * 10);
        assertClose("db_hh", layer.parameters(0, 0).get(3).grad(), cell.biasHh().grad(), tol * 10);
    }

    @ParameterizedTest
    @EnumSource(RNN.Nonlinearity.class)
    void rnnCellLoopMatchesLayer(RNN.Nonlinearity act) {
        DType dtype = DType.F32;
        RNN layer = new RNN(3, 4, RNN.Options.defaults().withNonlinearity(act).withSeed(6));
        RNNCell cell = new RNNCell(3, 4, act, true, dtype, new Rng(9));
        copyWeights(layer, cell);
        Tensor x = Tensors.randn(dtype, new Rng(1), 2, 5, 3);
        RNNOutput fused = layer.forward(x, null);
        Tensor h = null;
        for (int t = 0; t < 5; t++) {
            h = cell.forward(x.select(1, t), h);
            assertClose("h at t=" + t, fused.output().select(1, t), h, 1e-6);
        }
        h.sum().backward();
        fused.h().sum().backward();
        assertClose("dW_ih", layer.parameters(0, 0).get(0).grad(), cell.weightIh().grad(), 1e-5);
        assertEquals(layer.parameterCount(), cell.parameterCount());
    }
}
