package io.seqlearn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seqlearn.backend.cpu.CpuBackend;
import io.seqlearn.io.ModelFile;
import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.optim.Adam;
import io.seqlearn.tensor.Backends;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints record the backend's thread count, because results depend on it (the CPU backend splits sums
 * and large GEMMs into per-thread blocks); resuming on another count says that the run will not continue bit
 * for bit.
 */
class ResumeThreadsTest {
    @TempDir Path dir;

    @Test void resumingWithAnotherThreadCountWarnsOnce() throws Exception {
        ArrayData data = ToySequences.lastTokenClassification(32, 6, 10, 1);
        Path ckpt = dir.resolve("ckpt.safetensors");
        try (CpuBackend one = new CpuBackend(1); CpuBackend two = new CpuBackend(2)) {
            Backends.withDefault(one, () -> {
                Model m = compiled(SequenceModelsTest.lengthClassifier(3));
                m.fit(data, FitOptions.defaults().withBatchSize(16).quiet());
                m.saveCheckpoint(ckpt);
                return null;
            });
            Map<String, Object> trainer = ModelFiles.parse(ModelFile.read(ckpt).blob(ModelFile.TRAINER).orElseThrow(), "ckpt", "trainer");
            assertEquals(1, trainer.get("threads"));

            String same = Backends.withDefault(one, () -> resumeTwice(ckpt, data));
            assertFalse(same.contains("backend threads"), same);
            String other = Backends.withDefault(two, () -> resumeTwice(ckpt, data));
            String warning = "model.fit: resuming with 2 backend threads; the checkpoint was written with 1, "
                    + "so training continues but not bit for bit as the uninterrupted run would";
            assertTrue(other.contains(warning), other);
            assertEquals(other.indexOf(warning), other.lastIndexOf(warning), "warned more than once: " + other);
        }
    }

    /** Loads the checkpoint and calls fit twice (epochs 2 and 3), capturing the progress output. */
    private static String resumeTwice(Path ckpt, ArrayData data) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Model m = compiled(Model.load(ckpt));
        FitOptions o = FitOptions.defaults().withBatchSize(16).withVerbosity(Verbosity.ONE_LINE_PER_EPOCH).withOut(out);
        m.fit(data, o.withUntilEpoch(2));
        m.fit(data, o.withUntilEpoch(3));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Model compiled(Model m) {
        m.compile(p -> new Adam(p, 0.01), new CrossEntropyLoss());
        return m;
    }
}
