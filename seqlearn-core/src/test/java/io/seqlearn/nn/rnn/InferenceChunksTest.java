package io.seqlearn.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.nn.rnn.RnnTestSupport.Kind;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

/** No-grad inference projects the input chunk by chunk; over several chunks it equals the training forward. */
class InferenceChunksTest {
    @Test
    void chunkSizeIsBoundedInRowsAndFloats() {
        assertEquals(64, ForwardPass.inferenceChunkSteps(64, 100, 1024));       // 4096 rows
        assertEquals(16, ForwardPass.inferenceChunkSteps(64, 100, 16384));      // 1024 rows (16 MB / 4096·4)
        assertEquals(100, ForwardPass.inferenceChunkSteps(1, 100, 1024));       // never more than T
        assertEquals(1, ForwardPass.inferenceChunkSteps(10_000, 100, 1024));    // at least one step
    }

    @Test
    void severalChunksGiveTheTrainingForwardsOutput() {
        int b = 4, t = 1100, in = 4, hidden = 8;   // 4400 rows: two chunks of at most 4096 rows
        assertTrue(ForwardPass.inferenceChunkSteps(b, t, 4 * hidden) < t);
        for (Kind kind : new Kind[]{Kind.LSTM, Kind.GRU}) {
            RecurrentLayer layer = RnnTestSupport.layer(kind, in, hidden, 2, true, 0, DType.F32, 9);
            Tensor x = Tensors.uniform(DType.F32, new Rng(10), -1, 1, b, t, in);
            Tensor lengths = RnnTestSupport.lengthsTensor(t, 1000, 17, t);
            x.requiresGrad(true);
            Tensor[] train = RnnTestSupport.fused(layer, x, lengths, null, null);
            Tensor[] infer;
            try (var g = GradMode.disabled()) {
                infer = RnnTestSupport.fused(layer, x, lengths, null, null);
            }
            for (int i = 0; i < 3; i++) {
                if (train[i] != null) RnnTestSupport.assertClose(kind + " output " + i, train[i], infer[i], 1e-6);
            }
        }
    }
}
