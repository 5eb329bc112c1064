package io.seqlearn.nn.rnn;

import io.seqlearn.nn.Module;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.testing.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.Map;

/** RNNCell, LSTMCell, GRUCell against PyTorch (fixtures/rnn/cells_*): h1 (c1) and every gradient. */
class CellFixtureTest {

    private static Fixture load(Module cell, String file, DType dt) {
        Fixture f = Fixture.load("rnn/" + file, dt);
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String k : cell.stateDict().keySet()) state.put(k, f.get(k));
        cell.loadStateDict(state, true);
        return f;
    }

    private static void checkGrads(Fixture f, Module cell, Tensor x, Tensor h0) {
        f.assertClose("grad.x", x.grad());
        f.assertClose("grad.h0", h0.grad());
        cell.namedParameters().forEach((k, p) -> f.assertClose("grad." + k, p.grad()));
    }

    @ParameterizedTest @EnumSource(DType.class)
    void lstmCell(DType dt) {
        LSTMCell cell = new LSTMCell(4, 6, true, dt, new Rng(0));
        Fixture f = load(cell, "cells_lstm.safetensors", dt);
        Tensor x = f.get("x").requiresGrad(true), h0 = f.get("h0").requiresGrad(true), c0 = f.get("c0").requiresGrad(true);
        LSTMState s = cell.forward(x, new LSTMState(h0, c0));
        f.assertClose("h1", s.h());
        f.assertClose("c1", s.c());
        s.h().mul(f.get("g_h1")).sum().add(s.c().mul(f.get("g_c1")).sum()).backward();
        checkGrads(f, cell, x, h0);
        f.assertClose("grad.c0", c0.grad());
    }

    @ParameterizedTest @EnumSource(DType.class)
    void gruCell(DType dt) {
        GRUCell cell = new GRUCell(4, 6, true, dt, new Rng(0));
        Fixture f = load(cell, "cells_gru.safetensors", dt);
        Tensor x = f.get("x").requiresGrad(true), h0 = f.get("h0").requiresGrad(true);
        Tensor h1 = cell.forward(x, h0);
        f.assertClose("h1", h1);
        h1.mul(f.get("g_h1")).sum().backward();
        checkGrads(f, cell, x, h0);
    }

    @ParameterizedTest @EnumSource(RNN.Nonlinearity.class)
    void rnnCell(RNN.Nonlinearity act) {
        for (DType dt : DType.values()) {
            RNNCell cell = new RNNCell(4, 6, act, true, dt, new Rng(0));
            Fixture f = load(cell, "cells_rnn_" + act.name().toLowerCase() + ".safetensors", dt);
            Tensor x = f.get("x").requiresGrad(true), h0 = f.get("h0").requiresGrad(true);
            Tensor h1 = cell.forward(x, h0);
            f.assertClose("h1", h1);
            h1.mul(f.get("g_h1")).sum().backward();
            checkGrads(f, cell, x, h0);
        }
    }
}
