package io.seqlearn.nn.rnn;

import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.nn.Embedding;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.optim.Adam;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.testing.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * End to end against PyTorch (fixtures/e2e/charlm_adam): Embedding(11, 8) → LSTM(8, 16) → Linear(16, 11)
 * trained 20 steps with Adam(lr 0.01) on next-character cross-entropy. The 20 losses match PyTorch's to
 * 1e-4 in F32 (relative, |a − b| ≤ 1e-4·max(1, |b|)) and 1e-10 in F64, and so do the final weights.
 */
class CharLmEndToEndTest {

    /** The fixture's model; child names give the PyTorch state_dict keys (emb.weight, lstm.weight_ih_l0, fc.bias). */
    static final class CharLm extends Module {
        final Embedding emb;
        final LSTM lstm;
        final Linear fc;

        CharLm(DType dt) {
            Rng rng = new Rng(0);
            emb = registerModule("emb", new Embedding(11, 8, -1, dt, rng));
            lstm = registerModule("lstm", new LSTM(8, 16, LSTM.Options.defaults().withDtype(dt)));
            fc = registerModule("fc", new Linear(16, 11, true, dt, rng));
        }

        @Override
        public Tensor forward(Tensor ids) { return fc.forward(lstm.forward(emb.forward(ids))); }
    }

    @ParameterizedTest @EnumSource(DType.class)
    void twentyAdamStepsMatchPyTorch(DType dt) {
        Fixture f = Fixture.load("e2e/charlm_adam.safetensors", dt);
        CharLm model = new CharLm(dt);
        Map<String, Tensor> init = new LinkedHashMap<>();
        for (String k : model.stateDict().keySet()) init.put(k, f.get(k));
        model.loadStateDict(init, true);
        Adam adam = new Adam(model.parameters(), 0.01);
        CrossEntropyLoss ce = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true));
        Tensor x = f.get("x"), y = f.get("y");
        double tol = dt == DType.F32 ? 1e-4 : 1e-10;
        Tensor want = f.get(dt == DType.F32 ? "losses" : "losses_f64");
        for (int step = 0; step < 20; step++) {
            adam.zeroGrad();
            Tensor loss = ce.apply(model.forward(x), y);
            double w = want.get(step), got = loss.item();
            if (!(Math.abs(got - w) <= tol * Math.max(1, Math.abs(w)))) {
                throw new AssertionError(dt + " loss at step " + (step + 1) + ": got " + got + ", want " + w);
            }
            loss.backward();
            adam.step();
        }
        String prefix = dt == DType.F32 ? "final." : "final_f64.";
        model.stateDict().forEach((k, p) -> f.assertClose(prefix + k, p, dt == DType.F32 ? 1e-4 : 1e-9));
    }
}
