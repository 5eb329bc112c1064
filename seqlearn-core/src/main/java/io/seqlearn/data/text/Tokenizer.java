package io.seqlearn.data.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqlearn.data.AtomicFiles;
import io.seqlearn.data.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text ↔ token ids. Implementations: {@link CharTokenizer} (code points), {@link WordTokenizer} (Keras-style
 * words) and {@link BpeTokenizer} (GPT-2 byte-level BPE). All are immutable and thread-safe, and run in time
 * linear (BPE: n log n per pre-token) in the text length.
 *
 * <p>{@link #encode} never adds special tokens; {@link #encode(String, boolean, boolean)} does.
 * {@link #decode} drops pad, bos and eos ids and writes unk as the unk token's text.
 */
public interface Tokenizer {

    /** Token ids of {@code text}. */
    int[] encode(String text);

    /** Text of {@code ids}; pad, bos and eos are dropped. */
    String decode(int[] ids);

    /** The token ↔ id table. */
    Vocabulary vocabulary();

    /** {@code "char"}, {@code "word"} or {@code "bpe"}: the {@code type} field of the JSON state. */
    String type();

    /** The JSON state, {@code {"type": ..., "version": 1, "vocabulary": {...}, ...}}. */
    String toJson();

    /** Number of ids, V. */
    default int vocabSize() { return vocabulary().size(); }

    /** {@link #encode(String)} with bos prepended and/or eos appended. */
    default int[] encode(String text, boolean addBos, boolean addEos) {
        int[] body = encode(text);
        int pre = addBos ? 1 : 0;
        int[] out = new int[body.length + pre + (addEos ? 1 : 0)];
        if (addBos) out[0] = vocabulary().bosId();
        System.arraycopy(body, 0, out, pre, body.length);
        if (addEos) out[out.length - 1] = vocabulary().eosId();
        return out;
    }

    /** Writes {@link #toJson()} to {@code file} atomically. */
    default void save(Path file) throws IOException { AtomicFiles.writeString(file, toJson()); }

    /** Reads any tokenizer saved by {@link #save(Path)}. */
    static Tokenizer load(Path file) throws IOException { return fromJson(Files.readString(file)); }

    /** Reads any tokenizer's JSON state, dispatching on its {@code type} field. */
    static Tokenizer fromJson(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tokenizer: invalid JSON: " + e.getOriginalMessage(), e);
        }
        String type = root == null ? "" : root.path("type").asText();
        return switch (type) {
            case CharTokenizer.TYPE -> CharTokenizer.fromJsonNode(root);
            case WordTokenizer.TYPE -> WordTokenizer.fromJsonNode(root);
            case BpeTokenizer.TYPE -> BpeTokenizer.fromJsonNode(root);
            default -> throw new IllegalArgumentException("tokenizer: unknown type '" + type
                    + "' in JSON; expected char, word or bpe");
        };
    }

    /** Checks the {@code type} and {@code version} fields of a tokenizer's JSON state. */
    static void checkHeader(JsonNode root, String type) {
        if (!type.equals(root.path("type").asText())) {
            throw new IllegalArgumentException("tokenizer: JSON type is '" + root.path("type").asText()
                    + "', expected '" + type + "'");
        }
        int version = root.path("version").asInt(-1);
        if (version != 1) throw new IllegalArgumentException(type + " tokenizer: unsupported JSON version " + version);
    }
}
