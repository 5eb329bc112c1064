package io.seqlearn.train;

import io.seqlearn.metrics.Accuracy;
import io.seqlearn.io.ModelFile;
import io.seqlearn.io.ModelFileContents;
import io.seqlearn.io.ModelFileException;
import io.seqlearn.layers.Bidirectional;
import io.seqlearn.layers.Dense;
import io.seqlearn.layers.Embedding;
import io.seqlearn.layers.GRU;
import io.seqlearn.layers.LayerNormalization;
import io.seqlearn.layers.LayerRegistry;
import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.optim.Adam;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ModelFilesTest {
    @TempDir Path dir;

    @Test void sequentialRoundTripKeepsOutputsNamesAndBlobs() throws Exception {
        Sequential m = new Sequential(new Embedding(20, 6, true), new Bidirectional(new GRU(5, true, false), "sum"),
                new LayerNormalization(1e-5), new Dense(3)).input(-1);
        m.putBlob("tokenizer", "{\"kind\":\"char\",\"vocab\":[\"<pad>\",\"a\"]}");
        Path f = dir.resolve("m.safetensors");
        m.save(f);
        Model back = Model.load(f);
        assertInstanceOf(Sequential.class, back);
        assertEquals(m.summary(), back.summary());
        assertEquals(m.blobs(), back.blobs());
        Tensor ids = Tensors.indices(DType.F32, new int[]{3, 4, 5, 0, 7, 8, 0, 0}, 2, 4);
        assertArrayEquals(m.predict(ids, 2).toFloatArray(), back.predict(ids, 2).toFloatArray(), 0f);
        ModelFileContents raw = ModelFile.read(f);
        assertTrue(raw.weights().containsKey("bidirectional.weight_ih_l0_reverse"), raw.weights().keySet().toString());
        assertFalse(raw.isCheckpoint());
    }

    @Test void functionalRoundTripWithSideInputs() throws Exception {
        FunctionalModel m = SequenceModelsTest.encoderDecoder(9, 4);
        Path f = dir.resolve("seq2seq.safetensors");
        m.save(f);
        FunctionalModel back = (FunctionalModel) Model.load(f);
        assertEquals(m.summary(), back.summary());
        assertEquals(ModelFiles.json(m.architecture()), ModelFiles.json(back.architecture()));
        ArrayData d = ToySequences.reversal(5, 4, 9, 1);
        assertArrayEquals(m.predict(d, 5).get("logits").toFloatArray(), back.predict(d, 5).get("logits").toFloatArray(), 0f);
    }

    @Test void checkpointCarriesOptimizerAndTrainerState() throws Exception {
        FunctionalModel m = SequenceModelsTest.lengthClassifier(3);
        m.compile(p -> new Adam(p, 0.01), new CrossEntropyLoss());
        m.fit(ToySequences.lastTokenClassification(64, 6, 10, 1), FitOptions.defaults().withEpochs(1).withBatchSize(16).quiet());
        Path f = dir.resolve("ckpt.safetensors");
        m.saveCheckpoint(f);
        ModelFileContents raw = ModelFile.read(f);
        assertTrue(raw.isCheckpoint());
        assertTrue(raw.optimizerState().containsKey("0.exp_avg"), raw.optimizerState().keySet().toString());
        Model back = Model.load(f);
        assertEquals(1, back.epochsCompleted());
        assertEquals(4, back.stepsCompleted());
        assertEquals(m.history().asMap(), back.history().asMap());
        back.compile(p -> new Adam(p, 0.5), new CrossEntropyLoss());
        back.fit(ToySequences.lastTokenClassification(64, 6, 10, 1), FitOptions.defaults().withEpochs(0).quiet());
        assertEquals(0.01, back.optimizer().learningRate(), "learning rate comes from the checkpoint");
    }

    @Test void hostileArchitecturesFailCleanly() throws Exception {
        Sequential m = new Sequential(new Dense(4)).input(3);
        Path f = dir.resolve("ok.safetensors");
        m.save(f);
        ModelFileContents good = ModelFile.read(f);
        String arch = good.architecture();
        assertLoadFails(good, arch.replace("\"units\":4", "\"units\":2000000000"), "needs at least 8000000000 weights but the file holds only 16");
        assertLoadFails(good, arch.replace("\"input_shape\":[-1,3]", "\"input_shape\":[-1,300000000]"),
                "needs at least 1200000004 weights but the file holds only 16");
        assertLoadFails(good, arch.replace("\"Dense\"", "\"Conv3D\""), "unknown layer type 'Conv3D'");
        assertLoadFails(good, arch.replace("\"units\":4", "\"units\":\"four\""), "Dense config: 'units' must be an integer >= 1");
        assertTrue(arch.contains("[-1,3]"), arch);
        assertLoadFails(good, arch.replace("[-1,3]", "[-1,2]"), "weights do not fit the model: 'dense.weight' expected (4, 2), got (4, 3)");
        // restore() into an existing model checks everything before copying anything.
        Sequential other = new Sequential(new Dense(4), new Dense(2)).input(3);
        float[] before = other.stateDict().get("dense.weight").toFloatArray();
        ModelFileException e = assertThrows(ModelFileException.class, () -> other.restore(f));
        assertTrue(e.getMessage().contains("missing [dense_1.weight, dense_1.bias]"), e.getMessage());
        assertArrayEquals(before, other.stateDict().get("dense.weight").toFloatArray(), 0f);
        assertLoadFails(good, arch.replace("\"units\":4", "\"units\":5"), "the architecture needs at least 20 weights but the file holds only 16");
        assertLoadFails(good, arch.replace("Sequential", "Recurrent"), "unknown model class 'Recurrent'");
        assertLoadFails(good, "[1, 2]", "architecture is not a JSON object");
        byte[] bytes = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertThrows(ModelFileException.class, () -> Model.load(cut));
    }

    private void assertLoadFails(ModelFileContents good, String arch, String expected) throws Exception {
        Path bad = dir.resolve("bad.safetensors");
        ModelFile.write(bad, new ModelFileContents(good.weights(), good.optimizerState(), Map.of("architecture", arch)));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Model.load(bad));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test void customLayersNeedTheirRegistry() throws Exception {
        Sequential m = new Sequential(new Scale(2.5)).input(3);
        Path f = dir.resolve("custom.safetensors");
        m.save(f);
        assertThrows(ModelFileException.class, () -> Model.load(f));
        Model back = Model.load(f, LayerRegistry.builtins().register("Scale", (c, r) -> new Scale(c.doubleValue("factor", 1))));
        Tensor x = Tensors.randn(DType.F32, new Rng(1), 2, 3);
        assertArrayEquals(x.mul(2.5).toFloatArray(), back.forward(x).toFloatArray(), 0f);
    }

    /** A user-defined layer without weights. */
    static final class Scale extends io.seqlearn.layers.Layer {
        private final double factor;

        Scale(double factor) { this.factor = factor; }

        @Override protected void onBuild(int[] inputShape, Rng rng) {}

        @Override protected Tensor compute(Tensor x) { return x.mul(factor); }

        @Override public Map<String, Object> config() { return Map.of("factor", factor); }
    }

    @Test void resumedRunEqualsUninterruptedRunBitForBit() throws Exception {
        ArrayData train = ToySequences.lastTokenClassification(96, 6, 10, 5);
        ArrayData val = ToySequences.lastTokenClassification(32, 6, 10, 6);
        FitOptions opts = FitOptions.defaults().withBatchSize(16).withValidationData(val).withSeed(77).quiet();

        // No JIT warm-up needed: the kernels give the same bits interpreted and compiled. The same check across
        // processes (SIGKILL, fresh JVMs on different JIT tiers) is CrossProcessResumeTest.
        FunctionalModel straight = SequenceModelsTest.lengthClassifier(9);
        straight.compile(p -> new Adam(p, 0.01), new CrossEntropyLoss(), Accuracy.sparse());
        straight.fit(train, opts.withEpochs(2).withCallbacks(callbacks(dir.resolve("unused.safetensors"))));

        Path ckpt = dir.resolve("epoch1.safetensors");
        FunctionalModel first = SequenceModelsTest.lengthClassifier(9);
        first.compile(p -> new Adam(p, 0.01), new CrossEntropyLoss(), Accuracy.sparse());
        first.fit(train, opts.withEpochs(1).withCallbacks(callbacks(ckpt)));

        Model resumed = Model.load(ckpt);  // a fresh process would do exactly this
        resumed.compile(p -> new Adam(p, 0.01), new CrossEntropyLoss(), Accuracy.sparse());
        List<Callback> cbs = callbacks(dir.resolve("later.safetensors"));
        resumed.fit(train, opts.withUntilEpoch(2).withCallbacks(cbs.toArray(new Callback[0])));

        assertEquals(straight.stateDict().keySet(), resumed.stateDict().keySet());
        for (var e : straight.stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toFloatArray(), resumed.stateDict().get(e.getKey()).toFloatArray(), 0f, e.getKey());
        }
        assertEquals(straight.optimizer().stateDict().keySet(), resumed.optimizer().stateDict().keySet());
        for (var e : straight.optimizer().stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toDoubleArray(), resumed.optimizer().stateDict().get(e.getKey()).toDoubleArray(), 0, e.getKey());
        }
        assertEquals(straight.history().asMap(), resumed.history().asMap());
        assertEquals(((ReduceLROnPlateau) cbs.get(1)).state(), stateOfFreshRun(train, opts));
    }

    private Map<String, Object> stateOfFreshRun(ArrayData train, FitOptions opts) {
        FunctionalModel m = SequenceModelsTest.lengthClassifier(9);
        m.compile(p -> new Adam(p, 0.01), new CrossEntropyLoss(), Accuracy.sparse());
        List<Callback> cbs = callbacks(dir.resolve("x.safetensors"));
        m.fit(train, opts.withEpochs(2).withCallbacks(cbs.toArray(new Callback[0])));
        return cbs.get(1).state();
    }

    /** Dropout, LR plateau logic and a checkpoint every epoch: everything a resume must carry. */
    private static List<Callback> callbacks(Path ckpt) {
        return List.of(new EarlyStopping("val_loss", 0, 5, Monitor.Mode.AUTO, false),
                new ReduceLROnPlateau("loss", 0.5, 0, 10, 0, 0, Monitor.Mode.AUTO),
                new ModelCheckpoint(ckpt.toString()));
    }
}
