package io.seqlearn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes the safetensors layout byte for byte as the reference writer does
 * (huggingface/safetensors {@code prepare} + {@code serialize}): tensors ordered by descending dtype
 * alignment then by name, data laid out back to back in that order, a compact JSON header with
 * {@code __metadata__} first and each entry as {@code {"dtype":..,"shape":[..],"data_offsets":[b,e]}},
 * padded with spaces to a multiple of 8 bytes so every tensor starts 8-byte aligned.
 *
 * <p>The header JSON is written by hand rather than by Jackson so that string escaping matches serde_json
 * exactly (lower-case {@code \u001f}-style escapes for control characters, nothing else escaped); the
 * result is then byte-identical to {@code safetensors.torch.save_file} for the same tensors. Metadata keys
 * are written sorted (the reference uses hash order, which no reader depends on).
 */
final class SafeTensorsWriter {
    private static final int CHUNK = 1 << 16;

    private SafeTensorsWriter() {}

    /** Writes the whole file to {@code out} (not closed). */
    static void write(OutputStream out, Map<String, TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        List<Map.Entry<String, TensorData>> ordered = order(tensors);
        write(out, ordered, header(ordered, metadata));
    }

    /** Writes a file whose tensors were ordered by {@link #order} and whose header {@link #header} built. */
    static void write(OutputStream out, List<Map.Entry<String, TensorData>> ordered, byte[] header)
            throws IOException {
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.write(header);
        byte[] chunk = new byte[CHUNK];
        for (Map.Entry<String, TensorData> e : ordered) {
            ByteBuffer data = e.getValue().data();
            while (data.hasRemaining()) {
                int n = Math.min(CHUNK, data.remaining());
                data.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    /** Reference order: descending dtype rank (alignment), then name compared as UTF-8 bytes (Rust's order). */
    static List<Map.Entry<String, TensorData>> order(Map<String, TensorData> tensors) {
        List<Map.Entry<String, TensorData>> ordered = new ArrayList<>();
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || e.getValue() == null) {
                throw new IllegalArgumentException("safetensors write: null tensor name or value");
            }
            if (name.equals(HeaderParser.METADATA_KEY)) {
                throw new IllegalArgumentException("safetensors write: a tensor cannot be named " + name);
            }
            requireWellFormed(name, "tensor name");
            ordered.add(Map.entry(name, e.getValue()));
        }
        Comparator<Map.Entry<String, TensorData>> byRank =
                Comparator.comparingInt(e -> -e.getValue().dtype().referenceRank());
        ordered.sort(byRank.thenComparing(Map.Entry::getKey, SafeTensorsWriter::compareUtf8));
        return ordered;
    }

    /** The JSON header for tensors in {@code ordered} order, space-padded to a multiple of 8 bytes. */
    static byte[] header(List<Map.Entry<String, TensorData>> ordered, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append('"').append(HeaderParser.METADATA_KEY).append("\":{");
            List<String> keys = new ArrayList<>();
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("safetensors write: null metadata key or value");
                }
                requireWellFormed(e.getKey(), "metadata key");
                requireWellFormed(e.getValue(), "metadata value for " + e.getKey());
                keys.add(e.getKey());
            }
            keys.sort(SafeTensorsWriter::compareUtf8);
            for (int i = 0; i < keys.size(); i++) {
                String value = metadata.get(keys.get(i));
                json.append(i > 0 ? "," : "");
                string(json, keys.get(i)).append(':');
                string(json, value);
            }
            json.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> e : ordered) {
            TensorData t = e.getValue();
            json.append(json.length() > 1 ? "," : "");
            string(json, e.getKey()).append(":{\"dtype\":\"").append(t.dtype().name()).append("\",\"shape\":[");
            long[] shape = t.shape();
            for (int i = 0; i < shape.length; i++) {
                json.append(i > 0 ? "," : "").append(shape[i]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + t.byteSize()).append("]}");
            offset += t.byteSize();
        }
        json.append('}');
        byte[] raw = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (raw.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(raw, padded);
        Arrays.fill(out, raw.length, padded, (byte) ' ');
        return out;
    }

    /** Appends {@code s} as a JSON string, escaped exactly as serde_json escapes. */
    private static StringBuilder string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    /** Unpaired surrogates have no UTF-8 form; writing them would silently turn them into '?'. */
    private static void requireWellFormed(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("safetensors write: " + HeaderParser.shorten(what)
                        + " has an unpaired UTF-16 surrogate at index " + i);
            }
        }
    }

    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
