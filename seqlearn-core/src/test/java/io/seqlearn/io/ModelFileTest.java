package io.seqlearn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static final String ARCH = "{\"type\":\"lstm\",\"input\":3,\"hidden\":4}";

    private static Map<String, TensorData> weights() {
        Map<String, TensorData> w = new LinkedHashMap<>();
        w.put("lstm.weight_ih_l0", TensorData.ofFloats(new long[] {16, 3}, new float[48]));
        w.put("lstm.bias_ih_l0", TensorData.ofFloats(new long[] {16}, new float[16]));
        return w;
    }

    @Test
    void modelRoundTrips(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.safetensors");
        Map<String, String> blobs = Map.of("architecture", ARCH, "tokenizer", "{\"vocab\":[\"a\",\"b\"]}",
                "scaler", "[1.5, 2]", "task", "\"language-model\"");
        ModelFile.write(file, weights(), blobs);
        ModelFileContents back = ModelFile.read(file);
        assertEquals(weights(), back.weights());
        assertEquals(blobs, back.blobs());
        assertEquals(ARCH, back.architecture());
        assertEquals("[1.5, 2]", back.blob("scaler").orElseThrow());
        assertTrue(back.optimizerState().isEmpty());
        assertFalse(back.isCheckpoint());
        // It is plain safetensors: the markers are in __metadata__ and the weights keep their names.
        SafeTensorsFile plain = SafeTensors.read(file);
        assertEquals("seqlearn-model", plain.metadata().get("format"));
        assertEquals("1", plain.metadata().get("format_version"));
        assertEquals(weights().keySet(), plain.tensors().keySet());
    }

    @Test
    void checkpointKeepsOptimizerStateAndTrainerApart(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        Map<String, TensorData> optim = Map.of(
                "exp_avg.lstm.weight_ih_l0", TensorData.ofFloats(new long[] {16, 3}, new float[48]),
                "step", TensorData.ofLongs(new long[] {}, new long[] {120}));
        String trainer = "{\"epoch\":3,\"step\":120,\"rng\":[1,2,3]}";
        ModelFile.write(file, new ModelFileContents(weights(), optim, Map.of("architecture", ARCH, "trainer", trainer)));
        ModelFileContents back = ModelFile.read(file);
        assertEquals(weights(), back.weights());
        assertEquals(new TreeMap<>(optim), new TreeMap<>(back.optimizerState()));
        assertEquals(trainer, back.blob("trainer").orElseThrow());
        assertTrue(back.isCheckpoint());
        assertTrue(SafeTensors.read(file).tensors().containsKey("optim.step"));
    }

    @Test
    void plainSafetensorsIsNotAModelFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("state_dict.safetensors");
        SafeTensors.write(file, weights(), Map.of());
        var e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertEquals(file + ": not a seqlearn model file: its __metadata__ has no \"format\" key (a plain safetensors"
                + " file such as a PyTorch state_dict reads with SafeTensors.read)", e.getMessage());
        assertEquals(weights(), SafeTensors.read(file).tensors());
    }

    @Test
    void wrongFormatIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pt.safetensors");
        SafeTensors.write(file, weights(), Map.of("format", "pt"));
        var e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().endsWith("not a seqlearn model file: format is \"pt\", expected \"seqlearn-model\""),
                e.getMessage());
    }

    @Test
    void missingRequiredKeysAreNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("partial.safetensors");
        SafeTensors.write(file, weights(), Map.of("format", "seqlearn-model"));
        var e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().endsWith("missing required metadata key(s): format_version, architecture"),
                e.getMessage());
    }

    @Test
    void badVersionsAndBlobsAreRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("v.safetensors");
        for (var bad : Map.of(
                "2", "format_version 2 is newer than this seqlearn reads (1)",
                "one", "format_version must be a positive integer, got \"one\"",
                "0", "format_version must be a positive integer, got 0").entrySet()) {
            SafeTensors.write(file, weights(), Map.of("format", "seqlearn-model", "format_version", bad.getKey(),
                    "architecture", ARCH));
            var e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
            assertTrue(e.getMessage().contains(bad.getValue()), e.getMessage());
        }
        SafeTensors.write(file, weights(), Map.of("format", "seqlearn-model", "format_version", "1",
                "architecture", "{\"type\":"));
        var e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("metadata \"architecture\" is not valid JSON"), e.getMessage());
    }

    @Test
    void writerChecksItsArguments(@TempDir Path dir) {
        Path file = dir.resolve("w.safetensors");
        var noArch = assertThrows(IllegalArgumentException.class, () -> ModelFile.write(file, weights(), Map.of()));
        assertEquals("model file: the \"architecture\" blob is required", noArch.getMessage());
        var badJson = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.write(file, weights(), Map.of("architecture", ARCH, "tokenizer", "{oops")));
        assertTrue(badJson.getMessage().startsWith("model file: blob \"tokenizer\" is not valid JSON"), badJson.getMessage());
        var reserved = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.write(file, weights(), Map.of("architecture", ARCH, "format", "x")));
        assertEquals("model file: blob key \"format\" is reserved", reserved.getMessage());
        var prefixed = assertThrows(IllegalArgumentException.class, () -> ModelFile.write(file,
                Map.of("optim.x", TensorData.ofFloats(new long[] {1}, new float[1])), Map.of("architecture", ARCH)));
        assertTrue(prefixed.getMessage().contains("reserved prefix \"optim.\""), prefixed.getMessage());
        assertFalse(Files.exists(file), "nothing written on bad arguments");
    }

    @Test
    void corruptModelFileRaisesTheSameException(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.safetensors");
        ModelFile.write(file, weights(), Map.of("architecture", ARCH));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        var e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": tensor"), e.getMessage());
    }
}
