package io.seqlearn.train;

import io.seqlearn.metrics.Accuracy;
import io.seqlearn.layers.Add;
import io.seqlearn.layers.Concatenate;
import io.seqlearn.layers.Dense;
import io.seqlearn.layers.Input;
import io.seqlearn.layers.SymbolicTensor;
import io.seqlearn.loss.Loss;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.loss.MSELoss;
import io.seqlearn.optim.SGD;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class FunctionalModelTest {

    /** Two inputs, a shared layer, a merge, two outputs. */
    static FunctionalModel twoHeaded(long seed) {
        SymbolicTensor a = Input.of("a", 4), b = Input.of("b", 4);
        Dense shared = new Dense(8, "tanh");
        SymbolicTensor ha = shared.call(a), hb = shared.call(b);
        SymbolicTensor h = new Concatenate().call(ha, new Add().call(ha, hb));
        SymbolicTensor label = new Dense(2).named("label").call(h);
        SymbolicTensor value = new Dense(1).named("value").call(h);
        FunctionalModel m = Model.of(List.of(a, b), List.of(label, value));
        m.seed(seed);
        return m;
    }

    static ArrayData data(int n, long seed) {
        Rng rng = new Rng(seed);
        Tensor a = Tensors.randn(DType.F32, rng, n, 4), b = Tensors.randn(DType.F32, rng, n, 4);
        Tensor s = a.sum(1, false).sub(b.sum(1, false));
        Tensor label = s.gt(s.newScalar(0));
        Tensor value = a.add(b).sum(1, true).mul(0.5);
        return new ArrayData(Map.of("a", a, "b", b), Map.of("label", label, "value", value));
    }

    @Test void graphIsOrderedNamedAndSummarised() {
        FunctionalModel m = twoHeaded(0);
        assertEquals(List.of("a", "b"), m.inputNames());
        assertEquals(List.of("label", "value"), m.outputNames());
        assertEquals(List.of("dense", "add", "concatenate", "label", "value"), m.layers().stream().map(l -> l.name()).toList());
        assertEquals(6, m.calls().size(), "dense is called twice");
        assertEquals(4 * 8 + 8 + 16 * 2 + 2 + 16 + 1, m.parameterCount());
        String s = m.summary();
        assertTrue(s.startsWith("Model: \"model\"\n" + "_".repeat(98) + "\n Layer (type)"), s);
        assertTrue(s.contains("\n a (InputLayer)                 (None, 4)                0           []\n"), s);
        assertTrue(s.contains("\n dense (Dense)                  (None, 8)                40          a[0][0], b[0][0]\n"), s);
        assertTrue(s.contains("\n add (Add)                      (None, 8)                0           dense[0][0], dense[1][0]\n"), s);
        assertTrue(s.contains("\n concatenate (Concatenate)      (None, 16)               0           dense[0][0], add[0][0]\n"), s);
        assertTrue(s.contains("Total params: 91 "), s);
    }

    @Test void multiOutputTrainingLogsEachLossAndMetric() {
        FunctionalModel m = twoHeaded(1);
        Map<String, Loss> losses = Map.of("label", new CrossEntropyLoss(), "value", new MSELoss());
        m.compile(p -> new SGD(p, 0.02, SGD.Options.defaults().withMomentum(0.9)), losses, Map.of("label", List.of(Accuracy.sparse())));
        History h = m.fit(data(256, 2), FitOptions.defaults().withEpochs(10).withBatchSize(32)
                .withValidationData(data(64, 3)).quiet());
        assertEquals(List.of("loss", "label_loss", "value_loss", "label_accuracy", "val_loss", "val_label_loss",
                "val_value_loss", "val_label_accuracy", "learning_rate"), h.keys());
        assertEquals(h.last("label_loss") + h.last("value_loss"), h.last("loss"), 1e-5);
        assertTrue(h.last("label_accuracy") > 0.8, "accuracy " + h.last("label_accuracy"));
        assertTrue(h.last("val_label_accuracy") > 0.75, "val accuracy " + h.last("val_label_accuracy"));
        assertTrue(h.get("value_loss").get(9) < h.get("value_loss").get(0) * 0.2, h.get("value_loss").toString());
        assertTrue(h.get("label_loss").get(9) < h.get("label_loss").get(0) * 0.6, h.get("label_loss").toString());
        Map<String, Tensor> p = m.predict(data(10, 4), 4);
        assertArrayEquals(new int[]{10, 2}, p.get("label").shape());
        assertArrayEquals(new int[]{10, 1}, p.get("value").shape());
    }

    @Test void sharedLayerReallySharesWeights() {
        FunctionalModel m = twoHeaded(0);
        Tensor x = Tensors.randn(DType.F32, new Rng(5), 3, 4);
        Map<String, Tensor> same = m.forward(Map.of("a", x, "b", x));
        Tensor h = m.layer("dense").forward(x);
        Tensor expected = m.layer("value").forward(io.seqlearn.ops.F.concat(List.of(h, h.add(h)), -1));
        assertArrayEquals(expected.toFloatArray(), same.get("value").toFloatArray(), 1e-6f);
    }

    @Test void errorsNameInputsAndOutputs() {
        SymbolicTensor a = Input.of("a", 4), stray = Input.of("stray", 4);
        SymbolicTensor out = new Add().call(new Dense(4).call(a), stray);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.of(a, out));
        assertEquals("model: the outputs depend on input 'stray', which is not among the model's inputs", e.getMessage());
        FunctionalModel m = twoHeaded(0);
        ShapeException s = assertThrows(ShapeException.class, () -> m.forward(Map.of("a", Tensors.zeros(DType.F32, 2, 5),
                "b", Tensors.zeros(DType.F32, 2, 4))));
        assertEquals("model: input 'a' expected (None, 4), got (2, 5)", s.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.forward(Map.of("a", Tensors.zeros(DType.F32, 2, 4))));
        assertEquals("model.forward: no input 'b'; model inputs [a, b], got [a]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.compile(p -> new SGD(p, 0.1), new MSELoss())
                .fit(data(8, 1), FitOptions.defaults().quiet()));
        assertTrue(e.getMessage().contains("one loss given for outputs [label, value]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> m.seed(3));
        assertThrows(IllegalArgumentException.class, () -> new Dense(2).call(Map.of("lengths", a)));
    }
}
