package io.seqlearn.nn.rnn;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.seqlearn.nn.rnn.RnnTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** Layer contract: PyTorch names and shapes, init range, state_dict round trip, layouts, modes, errors. */
class RecurrentContractTest {
    private final Rng rng = new Rng(17);

    @Test
    void lstmParameterNamesAndShapesArePyTorchs() {
        LSTM lstm = new LSTM(10, 20, LSTM.Options.defaults().withNumLayers(2).withBidirectional(true).withProjSize(5));
        Map<String, Tensor> p = lstm.namedParameters();
        List<String> expected = new ArrayList<>();
        for (String sfx : new String[]{"l0", "l0_reverse", "l1", "l1_reverse"}) {
            for (String n : new String[]{"weight_ih_", "weight_hh_", "bias_ih_", "bias_hh_", "weight_hr_"}) expected.add(n + sfx);
        }
        assertEquals(expected, new ArrayList<>(p.keySet()));
        assertArrayEquals(new int[]{80, 10}, p.get("weight_ih_l0").shape());
        assertArrayEquals(new int[]{80, 5}, p.get("weight_hh_l0").shape());
        assertArrayEquals(new int[]{5, 20}, p.get("weight_hr_l0_reverse").shape());
        assertArrayEquals(new int[]{80, 10}, p.get("weight_ih_l1").shape());
        double bound = 1 / Math.sqrt(20);
        for (Tensor t : p.values()) for (double v : t.toDoubleArray()) assertTrue(Math.abs(v) <= bound);
    }

    @Test
    void parameterCountsMatchPyTorch() {
        // torch.nn.LSTM(10, 20, 2, bidirectional=True): 15040; GRU(10, 20): 1920; RNN(10, 20): 640.
        assertEquals(15040, new LSTM(10, 20, LSTM.Options.defaults().withNumLayers(2).withBidirectional(true)).parameterCount());
        assertEquals(1920, new GRU(10, 20).parameterCount());
        assertEquals(640, new RNN(10, 20).parameterCount());
        assertEquals(1920, new GRUCell(10, 20, rng).parameterCount());
    }

    @Test
    void stateDictRoundTripReproducesOutputs() {
        LSTM a = new LSTM(3, 4, LSTM.Options.defaults().withNumLayers(2).withSeed(1));
        LSTM b = new LSTM(3, 4, LSTM.Options.defaults().withNumLayers(2).withSeed(2));
        Tensor x = Tensors.randn(DType.F32, rng, 2, 5, 3);
        assertNotEquals(a.forward(x).get(0, 4, 0), b.forward(x).get(0, 4, 0));
        b.loadStateDict(a.stateDict(), true);
        assertArrayEquals(a.forward(x).toFloatArray(), b.forward(x).toFloatArray());
    }

    @Test
    void timeMajorLayoutGivesTheTransposedResult() {
        GRU bf = new GRU(3, 4, GRU.Options.defaults().withBidirectional(true).withSeed(3));
        GRU tm = new GRU(3, 4, GRU.Options.defaults().withBidirectional(true).withSeed(3).withBatchFirst(false));
        Tensor x = Tensors.randn(DType.F32, rng, 2, 5, 3).requiresGrad(true);
        Tensor xt = x.detach().transpose(0, 1).contiguous().requiresGrad(true);
        Tensor lens = lengthsTensor(5, 3);
        GRUOutput a = bf.forward(x, lens), b = tm.forward(xt, lens);
        assertArrayEquals(new int[]{5, 2, 8}, b.output().shape());
        assertClose("output", a.output().transpose(0, 1), b.output(), 1e-7);
        assertClose("h", a.h(), b.h(), 1e-7);
        a.output().sum().backward();
        b.output().sum().backward();
        assertClose("dx", x.grad().transpose(0, 1), xt.grad(), 1e-6);
    }

    @Test
    void outputsPastLengthAreZeroAndFinalStateIsAtLastStep() {
        LSTM lstm = new LSTM(2, 3, LSTM.Options.defaults().withBidirectional(true).withSeed(4));
        Tensor x = Tensors.randn(DType.F32, rng, 2, 4, 2);
        LSTMOutput out = lstm.forward(x, lengthsTensor(2, 4));
        for (int t = 2; t < 4; t++) for (int j = 0; j < 6; j++) assertEquals(0.0, out.output().get(0, t, j));
        // Forward direction: h_n is the output at t = len − 1; reverse direction: the output at t = 0.
        for (int j = 0; j < 3; j++) {
            assertEquals(out.output().get(0, 1, j), out.h().get(0, 0, j), 1e-7);
            assertEquals(out.output().get(0, 0, 3 + j), out.h().get(1, 0, j), 1e-7);
        }
        // A sequence of length 2 in a padded batch equals the same sequence alone.
        LSTMOutput alone = lstm.forward(x.narrow(0, 0, 1).narrow(1, 0, 2), null);
        assertClose("alone", alone.output(), out.output().narrow(0, 0, 1).narrow(1, 0, 2), 1e-6);
        assertClose("alone c", alone.c(), out.c().narrow(1, 0, 1), 1e-6);
    }

    @Test
    void everyLengthOneWorks() {
        for (RnnTestSupport.Kind k : RnnTestSupport.Kind.values()) {
            RecurrentLayer layer = layer(k, 2, 3, 2, true, 0, DType.F32, 5);
            Tensor x = Tensors.randn(DType.F32, rng, 3, 4, 2).requiresGrad(true);
            Tensor[] o = fused(layer, x, lengthsTensor(1, 1, 1), null, null);
            mixLoss(o, 1).backward();
            for (int t = 1; t < 4; t++) assertEquals(0.0, x.grad().narrow(1, t, 1).abs().sum().item());
            assertTrue(x.grad().narrow(1, 0, 1).abs().sum().item() > 0);
        }
    }

    @Test
    void returnSequencesFalseGivesLastOutputPerSequence() {
        LSTM lstm = new LSTM(2, 3, LSTM.Options.defaults().withBidirectional(true).withReturnSequences(false).withSeed(6));
        Tensor x = Tensors.randn(DType.F32, rng, 2, 4, 2);
        Tensor last = lstm.forward(x);
        assertArrayEquals(new int[]{2, 6}, last.shape());
        LSTMOutput full = lstm.forward(x, null);
        for (int j = 0; j < 3; j++) {
            assertEquals(full.output().get(1, 3, j), last.get(1, j), 1e-7);
            assertEquals(full.output().get(1, 0, 3 + j), last.get(1, 3 + j), 1e-7);
        }
    }

    @Test
    void inferenceUnderNoGradMatchesTrainingForward() {
        for (RnnTestSupport.Kind k : RnnTestSupport.Kind.values()) {
            RecurrentLayer layer = layer(k, 3, 5, 2, true, 0, DType.F64, 8);
            Tensor x = Tensors.randn(DType.F64, rng, 3, 40, 3);
            Tensor lens = lengthsTensor(40, 17, 1);
            Tensor[] train = fused(layer, x, lens, null, null);
            assertNotNull(train[0].gradFn());
            Tensor[] infer;
            try (var g = GradMode.disabled()) {
                infer = fused(layer, x, lens, null, null);
            }
            assertNull(infer[0].gradFn());
            assertClose(k + " output", train[0], infer[0], 1e-13);
            assertClose(k + " h", train[1], infer[1], 1e-13);
        }
    }

    @Test
    void oneTrainingStepReducesTheLoss() {
        GRU gru = new GRU(2, 8, GRU.Options.defaults().withSeed(9));
        Tensor x = Tensors.randn(DType.F32, rng, 4, 6, 2);
        Tensor target = Tensors.randn(DType.F32, rng, 4, 6, 8).mul(0.1);
        double before = Double.NaN;
        for (int step = 0; step < 2; step++) {
            Tensor loss = gru.forward(x).sub(target).square().mean();
            if (step == 0) before = loss.item(); else assertTrue(loss.item() < before);
            gru.zeroGrad();
            loss.backward();
            for (Tensor p : gru.parameters()) p.copyFrom(p.detach().sub(p.grad().mul(0.5)));
        }
    }

    @Test
    void secondBackwardThroughOneForwardIsAClearError() {
        RNN rnn = new RNN(2, 3);
        Tensor out = rnn.forward(Tensors.randn(DType.F32, rng, 1, 2, 2));
        Tensor a = out.sum();
        a.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, a::backward);
        assertTrue(e.getMessage().startsWith("rnn: backward through the same forward pass twice"), e.getMessage());
    }

    @Test
    void badInputsGiveClearErrors() {
        LSTM lstm = new LSTM(32, 4, LSTM.Options.defaults().withNumLayers(2));
        Tensor x = Tensors.zeros(DType.F32, 8, 50, 32);
        assertEquals("lstm: input expected (B, T, 32), got (8, 50, 16)",
                assertThrows(ShapeException.class, () -> lstm.forward(Tensors.zeros(DType.F32, 8, 50, 16))).getMessage());
        assertEquals("lstm: lengths expected (8,), got (7,)",
                assertThrows(ShapeException.class, () -> lstm.forward(x, Tensors.ones(DType.F32, 7))).getMessage());
        int[] zero = new int[8];
        java.util.Arrays.fill(zero, 3);
        zero[5] = 0;
        assertEquals("lstm: lengths[5] = 0 is out of range, expected 1 <= length <= T = 50",
                assertThrows(IllegalArgumentException.class, () -> lstm.forward(x, lengthsTensor(zero))).getMessage());
        zero[5] = 51;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> lstm.forward(x, lengthsTensor(zero)))
                .getMessage().startsWith("lstm: lengths[5] = 51 is out of range"));
        Tensor h0 = Tensors.zeros(DType.F32, 1, 8, 4), c0 = Tensors.zeros(DType.F32, 2, 8, 4);
        assertEquals("lstm: h0 expected (2, 8, 4), got (1, 8, 4)",
                assertThrows(ShapeException.class, () -> lstm.forward(x, null, new LSTMState(h0, c0))).getMessage());
        assertEquals("lstm: input is F64 but the layer's parameters are F32",
                assertThrows(IllegalArgumentException.class, () -> lstm.forward(Tensors.zeros(DType.F64, 8, 50, 32))).getMessage());
        GRU tm = new GRU(3, 4, GRU.Options.defaults().withBatchFirst(false));
        assertEquals("gru: input expected (T, B, 3), got (5, 2)",
                assertThrows(ShapeException.class, () -> tm.forward(Tensors.zeros(DType.F32, 5, 2))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LSTM.Options.defaults().withDropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new LSTM(3, 4, LSTM.Options.defaults().withProjSize(4)));
        assertEquals("lstm_cell: input expected (B, 3), got (2, 4)", assertThrows(ShapeException.class,
                () -> new LSTMCell(3, 5, rng).forward(Tensors.zeros(DType.F32, 2, 4), null)).getMessage());
    }
}
