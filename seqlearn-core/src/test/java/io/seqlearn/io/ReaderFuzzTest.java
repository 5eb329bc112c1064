package io.seqlearn.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Feeds the reader random bytes and randomly damaged valid files: truncation, bit flips and byte
 * substitutions in the header, lying header lengths, numbers in the header replaced by extreme values,
 * inserted and appended bytes. The only acceptable outcomes are a successful read or a
 * {@link ModelFileException}; and no read may allocate more than a small multiple of the input's size
 * (measured per thread), so a header that claims a huge size never makes the reader allocate it.
 */
class ReaderFuzzTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");
    private static final String[] EXTREMES = {"0", "1", "-1", "3", "7", "4294967296", "9223372036854775807",
            "9223372036854775808", "18446744073709551615", "99999999999999999999999999", "1e9", "2.5", "\"3\""};
    private static final byte[] JSON_BYTES = "{}[]\":,0123456789-eE. \\u".getBytes(StandardCharsets.US_ASCII);

    @Property(tries = 1000)
    void randomBytesAreRejectedCleanly(@ForAll @Size(max = 300) byte[] body, @ForAll long headerLength) {
        long length = Math.floorMod(headerLength, 3) == 0 ? headerLength : Math.floorMod(headerLength, body.length + 9);
        byte[] file = CorruptFiles.file(length, body, new byte[0]);
        readExpectingOnlyDocumentedFailures(file);
        readExpectingOnlyDocumentedFailures(body);
    }

    @Property(tries = 3000)
    void damagedValidFilesAreRejectedCleanly(@ForAll("validFiles") byte[] valid, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] file = valid;
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            file = mutate(file, random);
        }
        readExpectingOnlyDocumentedFailures(file);
    }

    @Property(tries = 100)
    void damagedFilesOnDiskAreRejectedCleanlyByEveryReader(@ForAll("validFiles") byte[] valid, @ForAll long seed)
            throws IOException {
        byte[] file = mutate(valid, new SplittableRandom(seed));
        Path path = Files.createTempFile("fuzz", ".safetensors");
        try {
            Files.write(path, file);
            for (IORead read : List.<IORead>of(SafeTensors::read, SafeTensors::map, SafeTensors::readHeader)) {
                try {
                    read.apply(path);
                } catch (ModelFileException expected) {
                    assertTrue(expected.getMessage().startsWith(path.toString()));
                }
            }
        } finally {
            Files.delete(path);
        }
    }

    interface IORead {
        Object apply(Path p) throws IOException;
    }

    static {
        // Load and initialise the reader's classes (Jackson's among them) outside the measured reads.
        try {
            SafeTensors.read(SafeTensors.toBytes(Map.of("w", TensorData.ofFloats(new long[] {1}, new float[] {1})),
                    Map.of("k", "v")), "warm-up");
        } catch (ModelFileException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code file}; returns the problem reported, or "ok". */
    static String readExpectingOnlyDocumentedFailures(byte[] file) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        SafeTensorsFile read = null;
        ModelFileException failure = null;
        try {
            read = SafeTensors.read(file, "fuzz");
        } catch (ModelFileException expected) {
            failure = expected;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        long bound = 8_000_000L + 64L * file.length;
        assertTrue(allocated < bound, "reading " + file.length + " bytes allocated " + allocated);
        if (failure != null) {
            assertTrue(failure.getMessage().startsWith("fuzz: "));
            return failure.problem();
        }
        long total = read.tensors().values().stream().mapToLong(TensorData::byteSize).sum();
        assertTrue(total <= file.length, "tensors hold more bytes than the file");
        return "ok";
    }

    static byte[] mutate(byte[] file, SplittableRandom random) {
        int headerEnd = (int) Math.min(file.length, 8 + Math.max(0, Math.min(file.length,
                file.length >= 8 ? ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() : 0)));
        byte[] out = file.clone();
        switch (random.nextInt(7)) {
            case 0 -> out = java.util.Arrays.copyOf(file, random.nextInt(file.length + 1));
            case 1 -> {
                int i = random.nextInt(Math.max(1, headerEnd));
                if (i < out.length) out[i] ^= (byte) (1 << random.nextInt(8));
            }
            case 2 -> {
                long[] lies = {random.nextLong(), random.nextInt(file.length * 2 + 1), file.length - 8,
                        file.length - 7, file.length - 9, headerEnd - 9, 100_000_000L, 100_000_001L, Long.MAX_VALUE, -1};
                if (out.length >= 8) {
                    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, lies[random.nextInt(lies.length)]);
                }
            }
            case 3 -> {
                int i = 8 + random.nextInt(Math.max(1, headerEnd - 8));
                if (i < out.length) {
                    out[i] = random.nextBoolean() ? JSON_BYTES[random.nextInt(JSON_BYTES.length)]
                            : (byte) (0x80 + random.nextInt(128));
                }
            }
            case 4 -> out = replaceNumber(file, headerEnd, random);
            case 5 -> {
                byte[] extra = new byte[1 + random.nextInt(16)];
                random.nextBytes(extra);
                out = java.util.Arrays.copyOf(file, file.length + extra.length);
                System.arraycopy(extra, 0, out, file.length, extra.length);
            }
            default -> out = insertIntoHeader(file, headerEnd, random);
        }
        return out;
    }

    /** Replaces one number of the header (a dim or an offset) by an extreme value, fixing the length prefix. */
    private static byte[] replaceNumber(byte[] file, int headerEnd, SplittableRandom random) {
        if (headerEnd <= 8) return file;
        String header = new String(file, 8, headerEnd - 8, StandardCharsets.ISO_8859_1);
        List<int[]> spans = new ArrayList<>();
        Matcher m = NUMBER.matcher(header);
        while (m.find()) spans.add(new int[] {m.start(), m.end()});
        if (spans.isEmpty()) return file;
        int[] span = spans.get(random.nextInt(spans.size()));
        String replaced = header.substring(0, span[0]) + EXTREMES[random.nextInt(EXTREMES.length)] + header.substring(span[1]);
        return withHeader(file, headerEnd, replaced.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] insertIntoHeader(byte[] file, int headerEnd, SplittableRandom random) {
        if (headerEnd <= 8) return file;
        byte[] header = java.util.Arrays.copyOfRange(file, 8, headerEnd);
        int at = random.nextInt(header.length + 1);
        byte[] piece = new byte[1 + random.nextInt(8)];
        for (int i = 0; i < piece.length; i++) piece[i] = JSON_BYTES[random.nextInt(JSON_BYTES.length)];
        byte[] out = new byte[header.length + piece.length];
        System.arraycopy(header, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(header, at, out, at + piece.length, header.length - at);
        return withHeader(file, headerEnd, out);
    }

    private static byte[] withHeader(byte[] file, int headerEnd, byte[] header) {
        byte[] data = java.util.Arrays.copyOfRange(file, headerEnd, file.length);
        return CorruptFiles.file(header.length, header, data);
    }

    @Provide
    Arbitrary<byte[]> validFiles() {
        Arbitrary<TensorData> tensor = Combinators.combine(
                Arbitraries.of(DataType.values()),
                Arbitraries.longs().between(0, 4).list().ofMaxSize(3),
                Arbitraries.longs()).as((dtype, dims, seed) -> {
                    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
                    long numel = 1;
                    for (long d : shape) numel *= d;
                    byte[] bytes = new byte[(int) numel * dtype.size()];
                    new SplittableRandom(seed).nextBytes(bytes);
                    return TensorData.ofBytes(dtype, shape, bytes);
                });
        Arbitrary<Map<String, TensorData>> tensors = Arbitraries.maps(
                Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3), tensor).ofMaxSize(5);
        Arbitrary<Map<String, String>> metadata = Arbitraries.maps(
                Arbitraries.strings().alpha().ofMaxLength(4), Arbitraries.strings().ofMaxLength(6)).ofMaxSize(2);
        return Combinators.combine(tensors, metadata).as((t, m) -> SafeTensors.toBytes(new LinkedHashMap<>(t), m));
    }
}
