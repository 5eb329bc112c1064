package io.seqlearn.data.series;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A per-column affine rescaling of a series (rows × columns), fitted on the training rows only so that no
 * statistic of the validation or test rows leaks into training. Immutable.
 */
public interface Scaler {

    /** Number of columns C it was fitted on. */
    int numColumns();

    /** Scaled value of {@code x} in column {@code column}. */
    double transform(double x, int column);

    /** Original-units value of the scaled {@code y} in column {@code column}. */
    double inverseTransform(double y, int column);

    /** A new rows × C array, every value scaled. */
    default double[][] transform(double[][] data) { return Scalers.map(this, data, false); }

    /** A new rows × C array, every value mapped back to the original units. */
    default double[][] inverseTransform(double[][] data) { return Scalers.map(this, data, true); }

    /**
     * The scaler of some columns only, in the order given — e.g. {@code select(6)} to map predictions of
     * ETTh1's OT column back to degrees.
     */
    Scaler select(int... columns);

    /** {@code "standard"} or {@code "minmax"}. */
    String type();

    /** The JSON state. */
    String toJson();

    /** Reads a scaler's JSON state, dispatching on its {@code type} field. */
    static Scaler fromJson(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("scaler: invalid JSON: " + e.getOriginalMessage(), e);
        }
        String type = root == null ? "" : root.path("type").asText();
        return switch (type) {
            case StandardScaler.TYPE -> StandardScaler.fromJsonNode(root);
            case MinMaxScaler.TYPE -> MinMaxScaler.fromJsonNode(root);
            default -> throw new IllegalArgumentException("scaler: unknown type '" + type + "'; expected standard or minmax");
        };
    }
}
