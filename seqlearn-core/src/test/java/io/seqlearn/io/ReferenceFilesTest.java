package io.seqlearn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compatibility with the reference implementation. The files under {@code reference/} were written by
 * huggingface/safetensors 0.8.0 itself ({@code make_reference_files.py} beside them); the byte arrays below
 * are the expected outputs from the reference's own unit tests ({@code safetensors/src/tensor.rs}).
 */
class ReferenceFilesTest {

    /** The tensors of make_reference_files.py, built independently in Java. */
    static Map<String, TensorData> referenceTensors() {
        Map<String, TensorData> t = new LinkedHashMap<>();
        double[] f64 = new double[6];
        for (int i = 0; i < 6; i++) f64[i] = i * 0.5 - 1.0;
        t.put("f64", TensorData.ofDoubles(new long[] {2, 3}, f64));
        float[] f32 = new float[12];
        for (int i = 0; i < 12; i++) f32[i] = i / 8f - 0.75f;
        t.put("f32", TensorData.ofFloats(new long[] {3, 4}, f32));
        t.put("f16", TensorData.fromFloats(DataType.F16, new long[] {5},
                new float[] {0.5f, -2f, 65504f, (float) Math.pow(2, -14), 0f}));
        t.put("bf16", TensorData.fromFloats(DataType.BF16, new long[] {4}, new float[] {1f, -2.5f, 3.0e38f, 0f}));
        t.put("i64", TensorData.ofLongs(new long[] {5}, new long[] {Long.MIN_VALUE, -1, 0, 7, Long.MAX_VALUE}));
        t.put("i32", TensorData.ofInts(new long[] {2, 2}, new int[] {Integer.MIN_VALUE, 0, 1, Integer.MAX_VALUE}));
        t.put("i16", TensorData.ofShorts(new long[] {4}, new short[] {-32768, -1, 0, 32767}));
        t.put("i8", TensorData.ofBytes(DataType.I8, new long[] {4}, new byte[] {-128, -1, 0, 127}));
        t.put("u8", TensorData.ofBytes(DataType.U8, new long[] {4}, new byte[] {0, 1, (byte) 128, (byte) 255}));
        t.put("bool", TensorData.ofBooleans(new long[] {3}, new boolean[] {true, false, true}));
        t.put("scalar", TensorData.ofFloats(new long[] {}, new float[] {3.25f}));
        t.put("empty", TensorData.ofFloats(new long[] {2, 0}, new float[] {}));
        float[] lstm = new float[8];
        for (int i = 0; i < 8; i++) lstm[i] = i - 3.5f;
        t.put("lstm.weight_ih_l0", TensorData.ofFloats(new long[] {4, 2}, lstm));
        t.put("\u00fcn\u00efcode.weight", TensorData.ofFloats(new long[] {1}, new float[] {1.5f}));
        t.put("we\"ird\\name\twith\u0001controls", TensorData.ofFloats(new long[] {1}, new float[] {2.5f}));
        return t;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ReferenceFilesTest.class.getResourceAsStream("reference/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void writerIsByteIdenticalToReferenceWriter() throws IOException {
        assertArrayEquals(resource("all_dtypes.safetensors"), SafeTensors.toBytes(referenceTensors(), Map.of()));
    }

    @Test
    void writerWithMetadataIsByteIdenticalToReferenceWriter() throws IOException {
        byte[] ours = SafeTensors.toBytes(Map.of("w", TensorData.ofFloats(new long[] {2}, new float[] {1, 2})),
                Map.of("format", "pt"));
        assertArrayEquals(resource("with_metadata.safetensors"), ours);
    }

    @Test
    void readsReferenceFileWithEveryDtype(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("all.safetensors");
        Files.write(file, resource("all_dtypes.safetensors"));
        for (SafeTensorsFile read : List.of(SafeTensors.read(file), SafeTensors.map(file))) {
            assertEquals(referenceTensors(), read.tensors());
            assertEquals(Map.of(), read.metadata());
            assertArrayEquals(new float[] {0.5f, -2f, 65504f, (float) Math.pow(2, -14), 0f},
                    read.tensor("f16").toFloatArray());
            // 3.0e38 rounds to bfloat16 0x7F62 (ml_dtypes gives the same bits)
            assertArrayEquals(new float[] {1f, -2.5f, Float.intBitsToFloat(0x7F62 << 16), 0f}, read.tensor("bf16").toFloatArray());
            assertArrayEquals(new long[] {Long.MIN_VALUE, -1, 0, 7, Long.MAX_VALUE}, read.tensor("i64").toLongArray());
            assertArrayEquals(new int[] {0, 1, 128, 255}, read.tensor("u8").toIntArray());
            assertArrayEquals(new int[] {1, 0, 1}, read.tensor("bool").toIntArray());
        }
    }

    @Test
    void readsMetadata() throws IOException {
        SafeTensorsFile f = SafeTensors.read(resource("with_metadata.safetensors"), "with_metadata");
        assertEquals(Map.of("format", "pt"), f.metadata());
        assertArrayEquals(new float[] {1, 2}, f.tensor("w").toFloatArray());
    }

    /** Reference test_serialization: one F32 tensor "attn.0" of shape [1, 2, 3] holding 0..5. */
    @Test
    void matchesReferenceUnitTestSerialization() {
        byte[] expected = unsigned(64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
                116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
                58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
                101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
                0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64);
        var t = TensorData.ofFloats(new long[] {1, 2, 3}, new float[] {0, 1, 2, 3, 4, 5});
        assertArrayEquals(expected, SafeTensors.toBytes(Map.of("attn.0", t), Map.of()));
    }

    /** Reference test_serialization_forced_alignement: a shorter name, so 7 spaces of padding. */
    @Test
    void matchesReferenceUnitTestForcedAlignment() throws ModelFileException {
        byte[] expected = unsigned(72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116,
                121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58,
                91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102,
                115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32,
                32, 32, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0,
                160, 64);
        var t = TensorData.ofFloats(new long[] {1, 1, 2, 3}, new float[] {0, 1, 2, 3, 4, 5});
        assertArrayEquals(expected, SafeTensors.toBytes(Map.of("attn0", t), Map.of()));
        assertEquals(t, SafeTensors.read(expected, "forced").tensor("attn0"));
    }

    /** Reference test_empty: no tensors, with and without metadata. */
    @Test
    void matchesReferenceUnitTestEmpty() throws ModelFileException {
        byte[] empty = unsigned(8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32);
        assertArrayEquals(empty, SafeTensors.toBytes(Map.of(), Map.of()));
        byte[] withMeta = unsigned(40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
                95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
                116, 34, 125, 125, 32, 32, 32, 32, 32);
        assertArrayEquals(withMeta, SafeTensors.toBytes(Map.of(), Map.of("framework", "pt")));
        assertEquals(Map.of("framework", "pt"), SafeTensors.read(withMeta, "meta").metadata());
        assertEquals(Map.of(), SafeTensors.read(empty, "empty").tensors());
    }

    /** Reference test_whitespace_padded_header: JSON whitespace of any kind may pad the header. */
    @Test
    void acceptsHeaderPaddedWithAnyJsonWhitespace() throws ModelFileException {
        byte[] file = unsigned(6, 0, 0, 0, 0, 0, 0, 0, '{', '}', 0x0D, 0x20, 0x09, 0x0A);
        assertEquals(0, SafeTensors.read(file, "ws").tensors().size());
    }

    static byte[] unsigned(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return out;
    }
}
