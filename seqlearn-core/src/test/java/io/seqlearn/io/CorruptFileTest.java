package io.seqlearn.io;

import static io.seqlearn.io.CorruptFiles.entry;
import static io.seqlearn.io.CorruptFiles.file;
import static io.seqlearn.io.CorruptFiles.rustLiteral;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a file can be malformed gives a {@link ModelFileException} whose message names the file and the
 * problem, through every read path (bytes, heap read, mmap, header only). Cases marked "reference" are the
 * byte strings of the reference implementation's own unit tests ({@code safetensors/src/tensor.rs}).
 */
class CorruptFileTest {

    static Stream<Arguments> corruptFiles() {
        String w = entry("w", "F32", "[2,2]", "[0,16]");
        return Stream.of(
                Arguments.of("empty file", new byte[0], "shorter than the 8-byte header length"),
                Arguments.of("5 bytes", new byte[] {1, 2, 3, 4, 5}, "shorter than the 8-byte header length"),
                Arguments.of("reference: header length past the end", rustLiteral("<\\x00\\x00\\x00\\x00\\x00\\x00\\x00"),
                        "runs past the end of the file"),
                Arguments.of("header length one past the end", file(20, "{}".getBytes(), new byte[0]),
                        "header length 20 runs past the end"),
                Arguments.of("reference: header too large", rustLiteral("<\\x00\\x00\\x00\\x00\\xff\\xff\\xff{\\\"test\\\":{}}"),
                        "exceeds the limit of 100000000 bytes"),
                Arguments.of("header length just over the cap", file(100_000_001L, "{}".getBytes(), new byte[0]),
                        "header length 100000001 exceeds the limit"),
                Arguments.of("header length negative as signed", file(-1L, "{}".getBytes(), new byte[0]),
                        "header length 18446744073709551615 exceeds the limit"),
                Arguments.of("reference: non-UTF-8 header", rustLiteral("\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\xff"),
                        "header is not valid UTF-8"),
                Arguments.of("overlong UTF-8 encoding", file(4, new byte[] {'{', (byte) 0xC0, (byte) 0xAF, '}'}, new byte[0]),
                        "header is not valid UTF-8"),
                Arguments.of("reference: not JSON", rustLiteral("\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00{"),
                        "header is not valid JSON"),
                Arguments.of("trailing garbage after the JSON", file("{} x", 0), "header is not valid JSON"),
                Arguments.of("empty header", file("", 0), "does not start with '{'"),
                Arguments.of("header is an array", file("[1,2]", 0), "does not start with '{'"),
                Arguments.of("leading whitespace", file(" {}", 0), "does not start with '{'"),
                Arguments.of("entry not an object", file("{\"w\":1}", 0), "tensor \"w\": entry must be an object"),
                Arguments.of("missing dtype", file("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                        "tensor \"w\": dtype must be a string, got nothing"),
                Arguments.of("missing shape", file("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4),
                        "tensor \"w\": shape must be an array"),
                Arguments.of("missing data_offsets", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4),
                        "tensor \"w\": data_offsets must be an array"),
                Arguments.of("unknown dtype", file("{" + entry("w", "F33", "[1]", "[0,4]") + "}", 4),
                        "tensor \"w\": unknown dtype \"F33\""),
                Arguments.of("unsupported dtype", file("{" + entry("w", "U32", "[1]", "[0,4]") + "}", 4),
                        "tensor \"w\": dtype U32 is not supported"),
                Arguments.of("negative dimension", file("{" + entry("w", "F32", "[2,-2]", "[0,16]") + "}", 16),
                        "tensor \"w\": shape has a negative value -2"),
                Arguments.of("fractional dimension", file("{" + entry("w", "F32", "[2.5]", "[0,10]") + "}", 10),
                        "tensor \"w\": shape must hold non-negative integers, got 2.5"),
                Arguments.of("dimension above 2^64", file("{" + entry("w", "F32", "[18446744073709551616]", "[0,4]") + "}", 4),
                        "shape value 18446744073709551616 overflows a 64-bit integer"),
                Arguments.of("reference: shape product overflow", rustLiteral("O\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                        + "{\\\"test\\\":{\\\"dtype\\\":\\\"I32\\\",\\\"shape\\\":[2,18446744073709551614],\\\"data_offsets\\\":[0,16]}}"
                        + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"),
                        "overflows a 64-bit integer"),
                Arguments.of("reference: numel times size overflow", rustLiteral("N\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                        + "{\\\"test\\\":{\\\"dtype\\\":\\\"I32\\\",\\\"shape\\\":[2,9223372036854775807],\\\"data_offsets\\\":[0,16]}}"
                        + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"),
                        "tensor \"test\": shape [2, 9223372036854775807] has more bytes than fit in a 64-bit integer"),
                Arguments.of("product overflow with long dims", file("{" + entry("w", "F32",
                        "[4294967296,4294967296]", "[0,4]") + "}", 4), "has more bytes than fit"),
                Arguments.of("offsets end before begin", file("{" + entry("w", "F32", "[0]", "[8,4]") + "}", 8),
                        "tensor \"w\": data_offsets [8, 4] end before they begin"),
                Arguments.of("offsets past the data", file("{" + entry("w", "F32", "[2,2]", "[0,16]") + "}", 12),
                        "tensor \"w\": data_offsets [0, 16] run past the end of the data buffer (12 bytes)"),
                Arguments.of("one offset", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}}", 4),
                        "data_offsets must have 2 entries, got 1"),
                Arguments.of("negative offset", file("{" + entry("w", "F32", "[1]", "[-4,0]") + "}", 4),
                        "data_offsets has a negative value -4"),
                Arguments.of("reference: byte length not numel x size", rustLiteral("<\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                        + "{\\\"test\\\":{\\\"dtype\\\":\\\"I32\\\",\\\"shape\\\":[2,2],\\\"data_offsets\\\":[0, 4]}}"),
                        "tensor \"test\": shape [2, 2] of I32 needs 16 bytes, data_offsets [0, 4] span 4"),
                Arguments.of("overlapping tensors", file("{" + w + "," + entry("v", "F32", "[2]", "[8,16]") + "}", 16),
                        "data_offsets [8, 16] overlap tensor"),
                Arguments.of("reference: json attack, all tensors at the same offsets", file("{" + w + ","
                        + entry("w2", "F32", "[2,2]", "[0,16]") + "}", 16), "overlap tensor"),
                Arguments.of("gap between tensors", file("{" + entry("a", "F32", "[1]", "[0,4]") + ","
                        + entry("b", "F32", "[1]", "[8,12]") + "}", 12), "tensor \"b\": data_offsets [8, 12] leave a gap of 4 bytes"),
                Arguments.of("gap at the start", file("{" + entry("b", "F32", "[1]", "[4,8]") + "}", 8),
                        "leave a gap of 4 bytes"),
                Arguments.of("reference: trailing data (polyglot file)", rustLiteral("<\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                        + "{\\\"test\\\":{\\\"dtype\\\":\\\"I32\\\",\\\"shape\\\":[2,2],\\\"data_offsets\\\":[0,16]}}"
                        + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00extra_bogus_data_for_polyglot_file"),
                        "34 bytes at the end of the data buffer (50 bytes) belong to no tensor"),
                Arguments.of("reference: missing data", rustLiteral("<\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                        + "{\\\"test\\\":{\\\"dtype\\\":\\\"I32\\\",\\\"shape\\\":[2,2],\\\"data_offsets\\\":[0,16]}}"
                        + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"),
                        "data_offsets [0, 16] run past the end of the data buffer (14 bytes)"),
                Arguments.of("data but no tensors", file("{}", 8), "8 bytes at the end of the data buffer (8 bytes) belong to no tensor"),
                Arguments.of("duplicate tensor names", file("{" + w + "," + w + "}", 16), "header names the same key twice: Duplicate field 'w'"),
                Arguments.of("duplicate metadata keys", file("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", 0),
                        "header names the same key twice: Duplicate field 'a'"),
                Arguments.of("metadata value a number", file("{\"__metadata__\":{\"epoch\":3}}", 0),
                        "__metadata__ value for key \"epoch\" must be a string, got number 3"),
                Arguments.of("metadata value an object", file("{\"__metadata__\":{\"arch\":{\"a\":1}}}", 0),
                        "__metadata__ value for key \"arch\" must be a string, got object"),
                Arguments.of("metadata not an object", file("{\"__metadata__\":\"pt\"}", 0),
                        "__metadata__ must be an object of strings, got string"),
                Arguments.of("deeply nested JSON", file("{\"__metadata__\":" + "[".repeat(5000) + "]".repeat(5000) + "}", 0),
                        "header is not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void bytesAreRejectedWithANamedProblem(String label, byte[] bytes, String expected) {
        assertRejected(() -> SafeTensors.read(bytes, "case.safetensors"), "case.safetensors", expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void filesAreRejectedByEveryReader(String label, byte[] bytes, String expected, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, bytes);
        assertRejected(() -> SafeTensors.read(file), file.toString(), expected);
        assertRejected(() -> SafeTensors.map(file), file.toString(), expected);
        assertRejected(() -> SafeTensors.readHeader(file), file.toString(), expected);
    }

    private static void assertRejected(Executable read, String source, String expected) {
        ModelFileException e = assertThrows(ModelFileException.class, read);
        assertTrue(e.getMessage().startsWith(source + ": "), () -> "message should name the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
        assertEquals(source, e.source());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void messagesStayShort(String label, byte[] bytes, String expected) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> SafeTensors.read(bytes, "x"));
        assertTrue(e.getMessage().length() < 400, () -> "overlong message: " + e.getMessage());
    }
}
