package io.seqlearn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write then read gives back the same tensors and metadata, for every dtype and every reader. */
class RoundTripTest {

    @Test
    void everyDtypeRoundTripsThroughAFile(@TempDir Path dir) throws IOException {
        Map<String, TensorData> tensors = ReferenceFilesTest.referenceTensors();
        Map<String, String> metadata = Map.of("format", "pt", "note", "ünï \"quoted\"\n");
        Path file = dir.resolve("all.safetensors");
        SafeTensors.write(file, tensors, metadata);
        for (SafeTensorsFile read : List.of(SafeTensors.read(file), SafeTensors.map(file),
                SafeTensors.read(Files.readAllBytes(file), "bytes"))) {
            assertEquals(tensors, read.tensors());
            assertEquals(metadata, read.metadata());
        }
        for (DataType dtype : DataType.values()) {
            assertTrue(tensors.values().stream().anyMatch(t -> t.dtype() == dtype), "the tensors cover " + dtype);
        }
    }

    @Test
    void headerOnlyReadListsTensorsInDataOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h.safetensors");
        SafeTensors.write(file, Map.of(
                "b", TensorData.ofFloats(new long[] {2}, new float[] {1, 2}),
                "a", TensorData.ofFloats(new long[] {1}, new float[] {3}),
                "steps", TensorData.ofLongs(new long[] {}, new long[] {9})), Map.of("k", "v"));
        SafeTensorsHeader h = SafeTensors.readHeader(file);
        // I64 first (higher alignment), then names in order: the reference writer's layout
        assertEquals(List.of("steps", "a", "b"), h.tensors().stream().map(TensorInfo::name).toList());
        assertEquals(new TensorInfo("a", DataType.F32, new long[] {1}, 8, 12), h.tensors().get(1));
        assertEquals(0, h.dataStart() % 8, "header padded to 8 bytes");
        assertEquals(20, h.dataLength());
        assertEquals(Files.size(file), h.dataStart() + h.dataLength());
        assertEquals(Map.of("k", "v"), h.metadata());
    }

    @Test
    void streamAndFileWritersProduceTheSameBytes(@TempDir Path dir) throws IOException {
        Map<String, TensorData> tensors = ReferenceFilesTest.referenceTensors();
        Path file = dir.resolve("s.safetensors");
        SafeTensors.write(file, tensors, Map.of("a", "b"));
        var out = new ByteArrayOutputStream();
        SafeTensors.write(out, tensors, Map.of("a", "b"));
        assertArrayEquals(Files.readAllBytes(file), out.toByteArray());
        assertArrayEquals(out.toByteArray(), SafeTensors.toBytes(tensors, Map.of("a", "b")));
    }

    @Test
    void writerRejectsNamesItCannotStore() {
        var t = TensorData.ofFloats(new long[] {1}, new float[] {1});
        var e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.toBytes(Map.of("__metadata__", t), Map.of()));
        assertEquals("safetensors write: a tensor cannot be named __metadata__", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.toBytes(Map.of("bad\uD800", t), Map.of()));
    }

    @Test
    void acceptsMetadataLongerThanJacksonsDefaultStringLimit() throws ModelFileException {
        String tokenizer = "x".repeat(21_000_000); // Jackson's default cap is 20 M chars; the header cap is 100 MB
        byte[] bytes = SafeTensors.toBytes(Map.of(), Map.of("tokenizer", tokenizer));
        assertEquals(tokenizer.length(), SafeTensors.read(bytes, "big").metadata().get("tokenizer").length());
    }

    @Property(tries = 200)
    void randomTensorsRoundTrip(@ForAll("tensorMaps") Map<String, TensorData> tensors,
                                @ForAll("metadataMaps") Map<String, String> metadata) throws ModelFileException {
        byte[] bytes = SafeTensors.toBytes(tensors, metadata);
        SafeTensorsFile read = SafeTensors.read(bytes, "random");
        assertEquals(tensors, read.tensors());
        assertEquals(metadata, read.metadata());
        assertArrayEquals(bytes, SafeTensors.toBytes(read.tensors(), read.metadata()), "rewrite is byte-identical");
    }

    @Provide
    Arbitrary<Map<String, TensorData>> tensorMaps() {
        Arbitrary<TensorData> tensor = Combinators.combine(Arbitraries.of(DataType.values()),
                Arbitraries.longs().between(0, 5).list().ofMaxSize(4), Arbitraries.longs()).as((dtype, dims, seed) -> {
                    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
                    long n = 1;
                    for (long d : shape) n *= d;
                    byte[] data = new byte[(int) n * dtype.size()];
                    new SplittableRandom(seed).nextBytes(data);
                    return TensorData.ofBytes(dtype, shape, data);
                });
        return Arbitraries.maps(Arbitraries.strings().ofMinLength(0).ofMaxLength(12)
                .filter(s -> !s.equals("__metadata__") && wellFormed(s)), tensor).ofMaxSize(6)
                .map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<Map<String, String>> metadataMaps() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(10).filter(RoundTripTest::wellFormed);
        return Arbitraries.maps(text, text).ofMaxSize(3);
    }

    private static boolean wellFormed(String s) {
        return s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
    }
}
