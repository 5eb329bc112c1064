package io.seqlearn.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and validates a safetensors header. The file is treated as hostile: every number is checked before
 * it is used, so a bad file gives a {@link ModelFileException} naming the problem — never an out-of-bounds
 * read or an allocation sized by an unchecked field. Rules follow the reference implementation
 * (huggingface/safetensors, {@code SafeTensors::read_metadata} and {@code Metadata::validate}); see
 * {@code docs/model-files.md} for the list.
 */
final class HeaderParser {
    /** Largest accepted header, as in the reference implementation ({@code MAX_HEADER_SIZE}). */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";


    private final String source;

    private HeaderParser(String source) { this.source = source; }

    /** Parses and validates the header of {@code bytes}; {@code source} names the file in errors. */
    static SafeTensorsHeader parse(ByteSource bytes, String source) throws IOException {
        return new HeaderParser(source).parse(bytes);
    }

    private SafeTensorsHeader parse(ByteSource bytes) throws IOException {
        long size = bytes.size();
        if (size < 8) {
            throw fail("file is " + size + " bytes, shorter than the 8-byte header length; not a safetensors file");
        }
        long n = ByteBuffer.wrap(bytes.read(0, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw fail("header length " + Long.toUnsignedString(n) + " exceeds the limit of " + MAX_HEADER_BYTES
                    + " bytes; not a safetensors file, or a corrupt one");
        }
        if (n > size - 8) {
            throw fail("header length " + n + " runs past the end of the file (" + (size - 8)
                    + " bytes follow the length); the file is truncated or corrupt");
        }
        JsonNode root = parseJson(bytes.read(8, (int) n));
        Map<String, String> metadata = new TreeMap<>();
        List<TensorInfo> tensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(METADATA_KEY)) {
                readMetadata(field.getValue(), metadata);
            } else {
                tensors.add(readTensor(field.getKey(), field.getValue()));
            }
        }
        long dataLength = size - 8 - n;
        List<TensorInfo> sorted = LayoutCheck.check(tensors, dataLength, source);
        return new SafeTensorsHeader(sorted, metadata, 8 + n, dataLength);
    }

    private JsonNode parseJson(byte[] header) throws ModelFileException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw fail("header is not valid UTF-8", e);
        }
        // The current reference rejects headers that do not start with '{' (InvalidHeaderStart).
        if (text.isEmpty() || text.charAt(0) != '{') {
            throw fail("header does not start with '{'; not a safetensors file, or a corrupt one");
        }
        try {
            JsonNode root = StrictJson.MAPPER.readTree(text);
            if (root == null || !root.isObject()) {
                throw fail("header is not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            String message = shorten(String.valueOf(e.getOriginalMessage()), 200) + locationOf(e);
            if (message.startsWith("Duplicate field")) {
                // Names must be unique: the reference's hash map would silently keep only one of them.
                throw fail("header names the same key twice: " + message, e);
            }
            throw fail("header is not valid JSON: " + message, e);
        }
    }

    private void readMetadata(JsonNode node, Map<String, String> into) throws ModelFileException {
        if (node.isNull()) {
            return; // serde reads null as "no metadata", as the reference does
        }
        if (!node.isObject()) {
            throw fail(METADATA_KEY + " must be an object of strings, got " + kind(node));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw fail(METADATA_KEY + " value for key " + quote(e.getKey()) + " must be a string, got "
                        + kind(e.getValue()));
            }
            into.put(e.getKey(), e.getValue().textValue());
        }
    }

    private TensorInfo readTensor(String name, JsonNode node) throws ModelFileException {
        String where = "tensor " + quote(name) + ": ";
        if (!node.isObject()) {
            throw fail(where + "entry must be an object with dtype, shape and data_offsets, got " + kind(node));
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw fail(where + "dtype must be a string, got " + kind(dtypeNode));
        }
        DataType dtype = DataType.fromName(dtypeNode.textValue())
                .orElseThrow(() -> fail(where + DataType.rejectionReason(shorten(dtypeNode.textValue()))));
        long[] shape = naturals(node.get("shape"), where + "shape", -1);
        long[] offsets = naturals(node.get("data_offsets"), where + "data_offsets", 2);
        return new TensorInfo(name, dtype, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers that fit in a long; {@code length} -1 means any length. */
    private long[] naturals(JsonNode node, String what, int length) throws ModelFileException {
        if (node == null || !node.isArray()) {
            throw fail(what + " must be an array of non-negative integers, got " + kind(node));
        }
        if (length >= 0 && node.size() != length) {
            throw fail(what + " must have " + length + " entries, got " + node.size());
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber()) {
                throw fail(what + " must hold non-negative integers, got " + preview(v));
            }
            if (v.bigIntegerValue().signum() < 0) {
                throw fail(what + " has a negative value " + preview(v));
            }
            if (!v.canConvertToLong()) {
                throw fail(what + " value " + preview(v) + " overflows a 64-bit integer");
            }
            out[i] = v.longValue();
        }
        return out;
    }

    private ModelFileException fail(String problem) { return new ModelFileException(source, problem); }

    private ModelFileException fail(String problem, Throwable cause) {
        return new ModelFileException(source, problem, cause);
    }

    private static String locationOf(JacksonException e) {
        var loc = e.getLocation();
        return loc == null ? "" : " (header line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String kind(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase() + " " + preview(node);
    }

    /** A short rendering of {@code node} that never renders a whole (possibly huge) container or string. */
    private static String preview(JsonNode node) {
        if (node.isContainerNode()) {
            return node.isArray() ? "[...]" : "{...}";
        }
        return node.isTextual() ? quote(shorten(node.textValue())) : shorten(node.toString());
    }

    static String quote(String s) { return "\"" + shorten(s) + "\""; }

    /** Keeps error messages short when a hostile file puts megabytes into one field. */
    static String shorten(String s) { return shorten(s, 80); }

    static String shorten(String s, int max) { return s.length() <= max ? s : s.substring(0, max - 3) + "..."; }

    static String shapeString(long[] shape) { return shorten(Arrays.toString(shape)); }
}
