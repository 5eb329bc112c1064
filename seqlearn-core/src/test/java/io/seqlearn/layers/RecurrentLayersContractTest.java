package io.seqlearn.layers;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RecurrentLayersContractTest {
    private final Rng rng = new Rng(4);
    private final Tensor x = Tensors.randn(DType.F64, rng, 2, 4, 3);

    @Test void lstmShapesAndParameters() {
        LayerContract.check(() -> new LSTM(5), x, new int[]{2, 5}, 4 * 5 * (3 + 5) + 2 * 4 * 5);
        Layer seq = LayerContract.check(() -> new LSTM(5, true, false), x, new int[]{2, 4, 5}, 200);
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"), List.copyOf(seq.stateDict().keySet()));
        LSTM withState = (LSTM) new LSTM(5, false, true).dtype(DType.F64);
        List<Tensor> out = withState.call(Map.of(Layer.X, x), null).outputs();
        assertEquals(3, out.size());
        assertArrayEquals(out.get(0).toDoubleArray(), out.get(1).toDoubleArray(), "last output = final h");
        assertArrayEquals(new int[]{2, 5}, out.get(2).shape());
        ShapeException e = assertThrows(ShapeException.class, () -> withState.forward(Tensors.zeros(DType.F64, 2, 4, 7)));
        assertEquals("lstm: input expected (B, T, 3), got (2, 4, 7)", e.getMessage());
    }

    @Test void gruAndSimpleRnn() {
        LayerContract.check(() -> new GRU(5, true, false), x, new int[]{2, 4, 5}, 3 * 5 * (3 + 5) + 2 * 3 * 5);
        LayerContract.check(() -> new SimpleRNN(5), x, new int[]{2, 5}, 5 * 8 + 10);
        LayerContract.check(() -> new SimpleRNN(5, "relu", true, false, 0), x, new int[]{2, 4, 5}, 50);
        assertThrows(IllegalArgumentException.class, () -> new SimpleRNN(5, "gelu", true, false, 0));
    }

    @Test void bidirectionalMergeModes() {
        Layer cat = LayerContract.check(() -> new Bidirectional(new LSTM(5, true, false)), x, new int[]{2, 4, 10}, 400);
        assertTrue(cat.stateDict().containsKey("weight_hh_l0_reverse"));
        LayerContract.check(() -> new Bidirectional(new GRU(5), "sum"), x, new int[]{2, 5}, 300);
        Bidirectional ave = new Bidirectional(new SimpleRNN(5, true, false), "ave");
        Bidirectional concat = new Bidirectional(new SimpleRNN(5, true, false), "concat");
        ave.dtype(DType.F64).seed(1);
        concat.dtype(DType.F64).seed(1);
        Tensor a = ave.forward(x), c = concat.forward(x);
        assertEquals((c.get(1, 2, 3) + c.get(1, 2, 8)) / 2, a.get(1, 2, 3), 1e-12);
        Bidirectional states = new Bidirectional(new LSTM(5, false, true));
        List<int[]> shapes = states.outputShapes(Map.of(Layer.X, new int[]{-1, -1, 3}));
        assertEquals(5, shapes.size(), "output, h_fwd, c_fwd, h_bwd, c_bwd");
        assertEquals(5, states.dtype(DType.F64).call(Map.of(Layer.X, x), null).outputs().size());
        assertThrows(IllegalArgumentException.class, () -> new Bidirectional(new LSTM(3), "max"));
    }

    @Test void maskFromEmbeddingEqualsRunningEachSequenceAlone() {
        Embedding emb = new Embedding(6, 3, true);
        LSTM lstm = new LSTM(4);
        emb.dtype(DType.F64).seed(2);
        lstm.dtype(DType.F64).seed(3);
        Tensor ids = Tensors.indices(DType.F64, new int[]{1, 2, 3, 4, 5, 3, 0, 0}, 2, 4);
        LayerOutput e = emb.call(Map.of(Layer.X, ids), null);
        Tensor both = lstm.call(Map.of(Layer.X, e.output()), e.mask()).output();
        Tensor alone = lstm.forward(emb.forward(Tensors.indices(DType.F64, new int[]{5, 3}, 1, 2)));
        assertArrayEquals(alone.toDoubleArray(), both.select(0, 1).toDoubleArray(), 1e-12);
        Tensor lengths = Tensors.indices(DType.F64, new int[]{4, 2});
        Tensor viaLengths = lstm.call(Map.of(Layer.X, e.output(), Recurrent.LENGTHS, lengths), null).output();
        assertArrayEquals(both.toDoubleArray(), viaLengths.toDoubleArray(), 0);
        Tensor gap = Tensors.indices(DType.F64, new int[]{1, 0, 1, 1}, 1, 4);
        IllegalArgumentException err = assertThrows(IllegalArgumentException.class,
                () -> lstm.call(Map.of(Layer.X, emb.forward(Tensors.indices(DType.F64, new int[]{1, 2, 3, 4}, 1, 4))), gap));
        assertTrue(err.getMessage().contains("right-padded"), err.getMessage());
    }

    @Test void initialStateFlowsAndHasGradients() {
        LSTM lstm = (LSTM) new LSTM(4, true, true).dtype(DType.F64);
        Tensor h0 = Tensors.randn(DType.F64, rng, 2, 4), c0 = Tensors.randn(DType.F64, rng, 2, 4);
        lstm.forward(x);
        GradCheck.check(in -> lstm.call(Map.of(Layer.X, in[0], Recurrent.INITIAL_H, in[1], Recurrent.INITIAL_C, in[2]), null)
                .outputs().get(0), x, h0, c0);
        assertThrows(IllegalArgumentException.class, () -> lstm.call(Map.of(Layer.X, x, Recurrent.INITIAL_H, h0), null));
        ShapeException e = assertThrows(ShapeException.class,
                () -> lstm.call(Map.of(Layer.X, x, Recurrent.INITIAL_H, c0.narrow(1, 0, 3), Recurrent.INITIAL_C, c0), null));
        assertEquals("lstm: initial_h expected (2, 4), got (2, 3)", e.getMessage());
    }

    @Test void recurrentDropoutFollowsTheStepSeed() {
        GRU gru = (GRU) new GRU(6, true, false, 0.5).dtype(DType.F64);
        gru.forward(x);
        gru.train(true);
        gru.setStepSeed(3);
        double[] a = gru.forward(x).toDoubleArray();
        gru.setStepSeed(3);
        assertArrayEquals(a, gru.forward(x).toDoubleArray());
        gru.setStepSeed(4);
        assertFalse(java.util.Arrays.equals(a, gru.forward(x).toDoubleArray()));
        gru.train(false);
        assertArrayEquals(gru.forward(x).toDoubleArray(), gru.forward(x).toDoubleArray());
    }
}
