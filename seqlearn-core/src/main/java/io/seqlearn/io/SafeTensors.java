package io.seqlearn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the HuggingFace safetensors format
 * (<a href="https://github.com/huggingface/safetensors">huggingface/safetensors</a>):
 *
 * <pre>
 * [8 bytes]  N, unsigned 64-bit little-endian: length of the header
 * [N bytes]  UTF-8 JSON: {"__metadata__": {str: str}, name: {"dtype": "F32", "shape": [2, 3],
 *            "data_offsets": [begin, end]}, ...}, space-padded to a multiple of 8 bytes
 * [rest]     the data buffer; each tensor's little-endian, row-major bytes at [begin, end)
 * </pre>
 *
 * <p>Files written here are byte-identical to the reference writer's ({@code safetensors.torch.save_file})
 * for the same tensors. A PyTorch {@code state_dict} saved with safetensors reads with {@link #read(Path)}.
 *
 * <p>Reading treats the file as hostile: any malformed, truncated or inconsistent content raises a
 * {@link ModelFileException} that names the file and the problem (the full list is in
 * {@code docs/model-files.md}); nothing is allocated from a size the file states before that size has been
 * checked against the file's real length. Writing is atomic ({@link AtomicFiles}).
 *
 * <pre>{@code
 * SafeTensors.write(path, Map.of("w", TensorData.ofFloats(new long[] {2}, new float[] {1, 2})), Map.of());
 * float[] w = SafeTensors.read(path).tensor("w").toFloatArray();
 * }</pre>
 */
public final class SafeTensors {
    private SafeTensors() {}

    /** Reads every tensor into heap memory, fully validated. */
    public static SafeTensorsFile read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return readAll(new ByteSource.Channel(ch, path.toString()), path.toString());
        }
    }

    /**
     * Maps the file into memory and returns tensors that are read-only views of it (no copy; good for
     * files of hundreds of MB or more, and for tensors above 2 GiB in total). The mapping lives until the
     * tensors are garbage collected. As with any memory-mapped file, truncating the file while the views
     * are in use makes later accesses fail with an {@link InternalError}.
     */
    public static SafeTensorsFile map(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment segment = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), Arena.ofAuto());
            return readAll(new ByteSource.Segment(segment, false), path.toString());
        }
    }

    /** Reads a whole file held in memory; {@code sourceName} names it in error messages. Tensors are copies. */
    public static SafeTensorsFile read(byte[] bytes, String sourceName) throws ModelFileException {
        try {
            return readAll(new ByteSource.Segment(MemorySegment.ofArray(bytes), true), sourceName);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("in-memory read failed", e); // a heap segment does no I/O
        }
    }

    /** Reads and validates only the header: names, dtypes, shapes, offsets and metadata (no tensor data). */
    public static SafeTensorsHeader readHeader(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return HeaderParser.parse(new ByteSource.Channel(ch, path.toString()), path.toString());
        }
    }

    /**
     * Writes {@code tensors} and {@code metadata} (may be empty) to {@code path} atomically: the old file,
     * if any, stays intact until the new one is complete and flushed to disk.
     *
     * @throws IllegalArgumentException for a null name or value, a tensor named {@code __metadata__}, or a
     *                                  string with an unpaired surrogate
     */
    public static void write(Path path, Map<String, TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        // Built first, so that argument errors come before any file is touched.
        var ordered = SafeTensorsWriter.order(tensors);
        byte[] header = SafeTensorsWriter.header(ordered, metadata);
        AtomicFiles.write(path, out -> SafeTensorsWriter.write(out, ordered, header));
    }

    /** Writes the file's bytes to {@code out} (which is not closed). */
    public static void write(OutputStream out, Map<String, TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        SafeTensorsWriter.write(out, tensors, metadata);
    }

    /** The file's bytes in memory. */
    public static byte[] toBytes(Map<String, TensorData> tensors, Map<String, String> metadata) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            SafeTensorsWriter.write(out, tensors, metadata);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e); // ByteArrayOutputStream does no I/O
        }
        return out.toByteArray();
    }

    private static SafeTensorsFile readAll(ByteSource source, String name) throws IOException {
        SafeTensorsHeader header = HeaderParser.parse(source, name);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (TensorInfo t : header.tensors()) {
            if (t.byteSize() > Integer.MAX_VALUE - 8) {
                throw new ModelFileException(name, "tensor " + HeaderParser.quote(t.name()) + " is " + t.byteSize()
                        + " bytes; a single tensor above 2 GiB is not supported");
            }
            var bytes = source.slice(header.dataStart() + t.begin(), (int) t.byteSize());
            tensors.put(t.name(), new TensorData(t.dtype(), t.shape(), bytes));
        }
        return new SafeTensorsFile(tensors, header.metadata());
    }
}
