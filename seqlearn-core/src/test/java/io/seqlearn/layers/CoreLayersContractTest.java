package io.seqlearn.layers;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.nn.Activation;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CoreLayersContractTest {
    private final Rng rng = new Rng(3);

    @Test void denseInfersItsInputSize() {
        Tensor x = Tensors.randn(DType.F64, rng, 4, 5, 3);
        Layer d = LayerContract.check(() -> new Dense(7, "tanh"), x, new int[]{4, 5, 7}, 3 * 7 + 7);
        assertArrayEquals(new int[]{-1, -1, 3}, d.builtInputShape(), "only the feature size is fixed");
        LayerContract.gradCheckInput(d, x);
        Dense dense = (Dense) d;
        GradCheck.check(in -> dense.forward(x), dense.linear().weight(), dense.linear().bias());
        ShapeException e = assertThrows(ShapeException.class, () -> d.forward(Tensors.zeros(DType.F64, 4, 2)));
        assertEquals("dense: input expected (B, ..., 3), got (4, 2)", e.getMessage());
    }

    @Test void denseWithExplicitSizeIsBuiltAtOnce() {
        Dense d = new Dense(6, 2, "relu");
        assertTrue(d.isBuilt());
        assertEquals(6 * 2 + 2, d.parameterCount());
        assertEquals(Activation.Kind.RELU, d.activation());
        assertThrows(IllegalArgumentException.class, () -> new Dense(0));
        assertThrows(IllegalArgumentException.class, () -> new Dense(3, "swishy"));
        assertThrows(IllegalStateException.class, () -> d.dtype(DType.F64));
    }

    @Test void embeddingWithMaskZero() {
        Tensor ids = Tensors.indices(DType.F32, new int[]{3, 1, 0, 0, 2, 4, 4, 0}, 2, 4);
        Layer e = LayerContract.check(() -> new Embedding(5, 3, true), ids, new int[]{2, 4, 3}, 15);
        LayerOutput out = e.call(Map.of(Layer.X, ids), null);
        assertArrayEquals(new float[]{1, 1, 0, 0, 1, 1, 1, 0}, out.mask().toFloatArray());
        assertArrayEquals(new double[3], out.output().select(0, 0).select(0, 2).toDoubleArray(), "padding row is zero");
        assertNull(new Embedding(5, 3).call(Map.of(Layer.X, ids), null).mask());
        ShapeException bad = assertThrows(ShapeException.class, () -> e.forward(Tensors.indices(DType.F32, new int[]{5}, 1, 1)));
        assertEquals("embedding: token id 5.0 out of range [0, 5)", bad.getMessage());
        Layer named = new Embedding(5, 3).named("source_embedding");
        ShapeException e2 = assertThrows(ShapeException.class, () -> named.forward(Tensors.indices(DType.F32, new int[]{7}, 1, 1)));
        assertEquals("source_embedding: token id 7.0 out of range [0, 5)", e2.getMessage());
    }

    @Test void dropoutKeepsShapeAndIsSeededPerStep() {
        Tensor x = Tensors.ones(DType.F64, 4, 50);
        LayerContract.check(() -> new Dropout(0.3), x, new int[]{4, 50}, 0);
        Dropout d = new Dropout(0.3);
        d.train(true);
        d.setStepSeed(11);
        double[] a = d.forward(x).toDoubleArray();
        d.setStepSeed(11);
        assertArrayEquals(a, d.forward(x).toDoubleArray(), "same step seed, same mask");
        d.setStepSeed(12);
        assertFalse(java.util.Arrays.equals(a, d.forward(x).toDoubleArray()));
        d.train(false);
        assertArrayEquals(x.toDoubleArray(), d.forward(x).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
    }

    @Test void layerNormalization() {
        Tensor x = Tensors.randn(DType.F64, rng, 3, 2, 6).mul(4.0).add(1.0);
        Layer ln = LayerContract.check(LayerNormalization::new, x, new int[]{3, 2, 6}, 12);
        Tensor y = new LayerNormalization(1e-5).dtype(DType.F64).forward(x);  // fresh: γ = 1, β = 0
        assertEquals(0, y.select(0, 1).select(0, 1).mean().item(), 1e-9);
        LayerContract.gradCheckInput(ln, x);
    }

    @Test void concatenateAndAdd() {
        Tensor a = Tensors.randn(DType.F64, rng, 2, 3, 4), b = Tensors.randn(DType.F64, rng, 2, 3, 5);
        Concatenate cat = new Concatenate();
        Tensor c = cat.forward(a, b);
        assertArrayEquals(new int[]{2, 3, 9}, c.shape());
        assertEquals(b.get(1, 2, 4), c.get(1, 2, 8));
        Add add = new Add();
        assertEquals(a.get(0, 1, 2) * 2, add.forward(a, a).get(0, 1, 2), 0);
        ShapeException e = assertThrows(ShapeException.class, () -> add.forward(a, b));
        assertEquals("add: inputs must have equal shapes, got (2, 3, 4) (2, 3, 5)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cat.forward(a));
        SymbolicTensor s = new Concatenate().call(Input.of("p", -1, 4), Input.of("q", -1, 5));
        assertArrayEquals(new int[]{-1, -1, 9}, s.shape());
        GradCheck.check(in -> cat.forward(in[0], in[1]), a, b);
    }

    @Test void registryRejectsUnknownTypesAndBadConfigs() {
        LayerRegistry r = LayerRegistry.builtins();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.create("Conv9D", Map.of()));
        assertTrue(e.getMessage().startsWith("unknown layer type 'Conv9D'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.create("Dense", Map.of("units", "ten")));
        assertEquals("Dense config: 'units' must be an integer >= 1, got \"ten\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.create("Dense", Map.of()));
        assertEquals("Dense config: 'units' is missing", e.getMessage());
    }

    @Test void namesAndStems() {
        assertEquals("layer_normalization", new LayerNormalization().nameStem());
        assertEquals("dense", new Dense(2).nameStem());
        assertThrows(IllegalArgumentException.class, () -> new Dense(2).named("a.b"));
    }
}
