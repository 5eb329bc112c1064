package io.seqlearn.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a seqlearn model file holds: the model's weights, optionally an optimizer's state (checkpoints),
 * and named JSON blobs ({@code "architecture"} always; {@code "tokenizer"}, {@code "scaler"},
 * {@code "task"}, {@code "training"}, {@code "trainer"} when the model has them).
 *
 * @param weights        parameters and buffers by PyTorch-style name, e.g. {@code "lstm.weight_ih_l0"}
 * @param optimizerState optimizer tensors by name, without the {@value ModelFile#OPTIMIZER_PREFIX} prefix
 *                       they carry on disk (e.g. {@code "exp_avg.lstm.weight_ih_l0"}); empty for a plain model
 * @param blobs          JSON texts by key; see {@code docs/model-files.md} for the known keys
 */
public record ModelFileContents(Map<String, TensorData> weights, Map<String, TensorData> optimizerState,
                                Map<String, String> blobs) {

    public ModelFileContents {
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        optimizerState = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerState));
        blobs = Collections.unmodifiableMap(new TreeMap<>(blobs));
    }

    /** A plain model: weights and blobs, no optimizer state. */
    public static ModelFileContents of(Map<String, TensorData> weights, Map<String, String> blobs) {
        return new ModelFileContents(weights, Map.of(), blobs);
    }

    /** The {@code "architecture"} JSON (present in every valid model file). */
    public String architecture() { return blobs.get(ModelFile.ARCHITECTURE); }

    /** The JSON blob called {@code key}, if present. */
    public Optional<String> blob(String key) { return Optional.ofNullable(blobs.get(key)); }

    /** True when this is a training checkpoint: it has optimizer state or a {@code "trainer"} blob. */
    public boolean isCheckpoint() { return !optimizerState.isEmpty() || blobs.containsKey(ModelFile.TRAINER); }
}
