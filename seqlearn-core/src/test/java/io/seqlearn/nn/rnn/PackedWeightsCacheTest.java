package io.seqlearn.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.nn.rnn.RnnTestSupport.Kind;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Inference reuses the packed W_hh of an unchanged weight, and packs anew when the weight changed in place. */
class PackedWeightsCacheTest {
    @Test
    void unchangedWeightsHitTheCacheAndChangedOnesArePackedAnew() {
        RecurrentLayer layer = RnnTestSupport.layer(Kind.LSTM, 8, 20, 1, false, 0, DType.F32, 3);
        layer.useTuning(Tuning.DEFAULT);
        Tensor x = Tensors.uniform(DType.F32, new Rng(4), -1, 1, 2, 5, 8);
        try (var g = GradMode.disabled()) {
            float[] first = RnnTestSupport.fused(layer, x, null, null, null)[0].toFloatArray();
            long hits = PackedWeights.CACHE_HITS.get();
            float[] again = RnnTestSupport.fused(layer, x, null, null, null)[0].toFloatArray();
            assertTrue(PackedWeights.CACHE_HITS.get() > hits, "the second pass reuses the packing");
            assertArrayEquals(first, again);

            float[] whh = layer.namedParameters().get("weight_hh_l0").dataF();
            for (int i = 0; i < whh.length; i += 7) whh[i] += 0.25f;   // an in-place update, as an optimizer's
            float[] changed = RnnTestSupport.fused(layer, x, null, null, null)[0].toFloatArray();
            assertFalse(Arrays.equals(first, changed), "the new weights are used");
            layer.useTuning(Tuning.REFERENCE);
            float[] reference = RnnTestSupport.fused(layer, x, null, null, null)[0].toFloatArray();
            RnnTestSupport.assertClose("after the in-place update", Tensor.of(reference, reference.length),
                    Tensor.of(changed, changed.length), 2e-6);
        }
    }
}
