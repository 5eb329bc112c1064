package io.seqlearn.metrics;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanguageModelMetricTest {
    private static Tensor idx(int[] v, int... shape) { return Tensors.indices(DType.F32, v, shape); }

    @Test void perplexityOfAUniformModelIsTheVocabularySize() {
        Perplexity p = new Perplexity();
        p.update(Tensors.zeros(DType.F32, 2, 3, 7), idx(new int[]{0, 1, 2, 3, 4, 5}, 2, 3));
        assertEquals(7.0, p.result(), 1e-5);
        assertEquals(6, p.tokens());
    }

    @Test void tokenWeightedAcrossBatchesAndPaddingSkipped() {
        // logits [0, ln 3] over V = 2: p = [1/4, 3/4]; target 1 → ln(4/3) nats; target 0 → ln 4 nats
        float l3 = (float) Math.log(3);
        Tensor logits = Tensor.of(new float[]{0, l3, 0, l3, 0, l3}, 1, 3, 2);
        Perplexity p = new Perplexity(-1);
        BitsPerCharacter bpc = new BitsPerCharacter(-1);
        for (Metric m : new Metric[]{p, bpc}) {
            m.update(logits, idx(new int[]{1, 0, -1}, 1, 3));           // 2 tokens
            m.update(logits.narrow(1, 0, 1), idx(new int[]{1}, 1, 1)); // 1 token
        }
        double nats = (2 * Math.log(4.0 / 3) + Math.log(4)) / 3;
        assertEquals(Math.exp(nats), p.result(), 1e-6);
        assertEquals(nats / Math.log(2), bpc.result(), 1e-6);
        assertEquals(3, p.tokens());
    }

    @Test void fromMeanLosses() {
        Perplexity p = new Perplexity();
        p.addMeanLoss(1.0, 10);
        p.addMeanLoss(2.0, 30);
        assertEquals(Math.exp(1.75), p.result(), 1e-12);
        assertEquals(1.75, p.meanCrossEntropy(), 1e-12);
        BitsPerCharacter b = new BitsPerCharacter();
        assertTrue(Double.isNaN(b.result()));
        b.addMeanLoss(Math.log(2), 5);
        assertEquals(1.0, b.result(), 1e-12);
        b.reset();
        assertEquals(0, b.tokens());
    }
}
