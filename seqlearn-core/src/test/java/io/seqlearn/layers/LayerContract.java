package io.seqlearn.layers;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

import io.seqlearn.train.Model;
import io.seqlearn.train.Sequential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The contract every layer passes (DESIGN §4.9): output shape, parameter count, a save/load round trip
 * (config through the registry + state_dict, and a whole model file) that reproduces the output exactly, and
 * one training step that
 * gives every parameter a gradient of its shape and lowers a loss.
 */
final class LayerContract {
    /**
     * Outputs are compared to 1e-12, weights exactly: the same weights can give results one ulp apart before and
     * after the JIT compiles a kernel (HotSpot's Math.tanh / Vector API intrinsics differ from the interpreter's).
     */
    private static final double TOL = 1e-12;

    private LayerContract() {}

    /** Runs the contract on F64 layers made by {@code make}; {@code x} is the input (ids stay as given). */
    static Layer check(Supplier<Layer> make, Tensor x, int[] expectedOutput, long expectedParams) {
        Layer layer = make.get().dtype(DType.F64).seed(5);
        layer.train(false);
        int[] sym = x.shape();
        sym[0] = -1;
        long planned = layer.plannedWeightCount(sym);
        Tensor y = layer.forward(x);
        long actual = layer.stateDict().values().stream().mapToLong(Tensor::numel).sum();
        assertEquals(actual, planned, "plannedWeightCount of " + layer);
        assertArrayEquals(expectedOutput, y.shape(), "output shape of " + layer);
        assertEquals(expectedParams, layer.parameterCount(), "parameter count of " + layer);
        int[] symbolic = layer.outputShapes(Map.of(Layer.X, layer.builtInputShape())).get(0);
        assertEquals(expectedOutput.length, symbolic.length, "symbolic output rank");
        for (int i = 1; i < symbolic.length; i++) {
            if (symbolic[i] >= 0) assertEquals(expectedOutput[i], symbolic[i], "symbolic output dim " + i);
        }
        roundTrip(layer, x, y);
        modelFileRoundTrip(layer, x, y);
        trainingStep(layer, x);
        return layer;
    }

    static void roundTrip(Layer layer, Tensor x, Tensor y) {
        Layer copy = LayerRegistry.builtins().create(layer.typeName(), layer.config()).dtype(layer.dtype()).seed(99);
        copy.build(layer.builtInputShape());
        copy.loadStateDict(layer.stateDict(), true);
        copy.train(false);
        assertEquals(layer.config(), copy.config(), "config round trip");
        for (var e : layer.stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toDoubleArray(), copy.stateDict().get(e.getKey()).toDoubleArray(), e.getKey() + " exact");
        }
        assertArrayEquals(y.toDoubleArray(), copy.forward(x).toDoubleArray(), TOL, "output after state_dict round trip");
    }

    /** The layer alone in a Sequential, saved as a model file and loaded back by type: same output. */
    static void modelFileRoundTrip(Layer layer, Tensor x, Tensor y) {
        try {
            Sequential m = new Sequential(layer).build(layer.builtInputShape());
            Path f = Files.createTempFile("contract-", ".safetensors");
            try {
                m.save(f);
                Model back = Model.load(f);
                assertEquals(layer.typeName(), back.layers().get(0).typeName());
                for (var e : m.stateDict().entrySet()) {
                    assertArrayEquals(e.getValue().toDoubleArray(), back.stateDict().get(e.getKey()).toDoubleArray(), e.getKey() + " exact");
                }
                assertArrayEquals(y.toDoubleArray(), back.predict(x, x.size(0)).toDoubleArray(), TOL, "output after model-file round trip");
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void trainingStep(Layer layer, Tensor x) {
        layer.train(true);
        layer.setStepSeed(1);
        Tensor loss = layer.forward(x).square().mean();
        if (layer.parameterCount() == 0) return;
        layer.zeroGrad();
        loss.backward();
        for (var e : layer.namedParameters().entrySet()) {
            assertNotNull(e.getValue().grad(), "gradient of " + e.getKey());
            assertArrayEquals(e.getValue().shape(), e.getValue().grad().shape(), "gradient shape of " + e.getKey());
        }
        for (Tensor p : layer.parameters()) {
            Tensor g = p.grad().contiguousNoGrad();
            for (int i = 0; i < p.numel(); i++) p.put(p.offset() + i, p.at(p.offset() + i) - 0.01 * g.at(g.offset() + i));
        }
        layer.setStepSeed(1);
        double after = layer.forward(x).square().mean().item();
        assertTrue(after < loss.item(), layer + ": loss " + loss.item() + " did not fall after one step (" + after + ")");
    }

    /** Finite-difference check of the layer as a function of its input (float inputs only). */
    static void gradCheckInput(Layer layer, Tensor x) {
        layer.train(false);
        GradCheck.check(in -> layer.forward(in[0]), x);
    }
}
