package io.seqlearn.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * JSON for the recipes' configs, model-file blobs and results: records map to objects field by field
 * (Jackson), unknown fields are refused when reading a config back, and NaN or infinite numbers, which
 * JSON cannot express, are written as {@code null}.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {}

    /** Compact JSON of {@code value} (a record, map, list, number, string). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(sanitize(MAPPER.valueToTree(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("json: cannot write " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Indented JSON, for files people read (config.json, result.json). */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sanitize(MAPPER.valueToTree(value))) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("json: cannot write " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads {@code json} as {@code type}; {@code what} names the blob in the error. */
    public static <T> T read(String json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Parses {@code json} into a tree. */
    public static JsonNode tree(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The shared mapper (configured as above). */
    public static ObjectMapper mapper() { return MAPPER; }

    /** Replaces NaN and infinite numbers by null: JSON has no literal for them. */
    private static JsonNode sanitize(JsonNode n) {
        if (n.isObject()) {
            var o = (com.fasterxml.jackson.databind.node.ObjectNode) n;
            o.properties().forEach(e -> e.setValue(sanitize(e.getValue())));
        } else if (n.isArray()) {
            var a = (com.fasterxml.jackson.databind.node.ArrayNode) n;
            for (int i = 0; i < a.size(); i++) a.set(i, sanitize(a.get(i)));
        } else if (n.isDouble() || n.isFloat()) {
            if (!Double.isFinite(n.doubleValue())) return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        return n;
    }
}
