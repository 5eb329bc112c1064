package io.seqlearn.io;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One file per model: a safetensors file whose {@code __metadata__} says what model it is.
 *
 * <pre>
 * __metadata__:
 *   "format"         = "seqlearn-model"
 *   "format_version" = "1"
 *   "architecture"   = JSON (required): layer types and sizes, enough to rebuild the model
 *   "tokenizer", "scaler", "task", "training", "trainer", ... = JSON (optional)
 * tensors:
 *   weights by PyTorch name ("lstm.weight_ih_l0", ...); optimizer state, in checkpoints, under "optim."
 * </pre>
 *
 * <p>Because it is plain safetensors, {@code safetensors.torch.load_file} opens a seqlearn model in Python,
 * and {@link SafeTensors#read(Path)} opens a PyTorch {@code state_dict} saved with safetensors in Java.
 * Writes are atomic. Reading checks everything {@link SafeTensors} checks, then the metadata: a wrong or
 * missing {@code "format"} is "not a seqlearn model file", missing required keys are named, every blob must
 * be valid JSON.
 *
 * <pre>{@code
 * ModelFile.write(path, model.stateDict(), Map.of("architecture", archJson));
 * ModelFileContents back = ModelFile.read(path);
 * }</pre>
 */
public final class ModelFile {
    /** Value of the {@code "format"} key. */
    public static final String FORMAT = "seqlearn-model";
    /** The format version this code writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** Name prefix of optimizer-state tensors on disk. */
    public static final String OPTIMIZER_PREFIX = "optim.";

    public static final String FORMAT_KEY = "format";
    public static final String FORMAT_VERSION_KEY = "format_version";
    public static final String ARCHITECTURE = "architecture";
    public static final String TOKENIZER = "tokenizer";
    public static final String SCALER = "scaler";
    public static final String TASK = "task";
    public static final String TRAINING = "training";
    /** Trainer state in checkpoints: epoch, step, RNG state (schema owned by {@code io.seqlearn.train}). */
    public static final String TRAINER = "trainer";


    private ModelFile() {}

    /** Writes a plain model: {@code jsonBlobs} must hold {@code "architecture"}; every blob must be valid JSON. */
    public static void write(Path path, Map<String, TensorData> weights, Map<String, String> jsonBlobs)
            throws IOException {
        write(path, ModelFileContents.of(weights, jsonBlobs));
    }

    /**
     * Writes a model or checkpoint atomically.
     *
     * @throws IllegalArgumentException when {@code "architecture"} is missing, a blob is not valid JSON, a blob
     *                                  uses a reserved key ({@code format}, {@code format_version}), or a weight
     *                                  name starts with {@value #OPTIMIZER_PREFIX}
     */
    public static void write(Path path, ModelFileContents contents) throws IOException {
        SafeTensors.write(path, tensorsOf(contents), metadataOf(contents));
    }

    /** Reads and checks a model file; see the class comment for what is checked. */
    public static ModelFileContents read(Path path) throws IOException {
        return fromSafeTensors(SafeTensors.read(path), path.toString());
    }

    /** Interprets an already-read safetensors file as a model file; {@code source} names it in errors. */
    public static ModelFileContents fromSafeTensors(SafeTensorsFile file, String source) throws ModelFileException {
        Map<String, String> meta = file.metadata();
        String format = meta.get(FORMAT_KEY);
        if (format == null) {
            throw new ModelFileException(source, "not a seqlearn model file: its __metadata__ has no \"format\" key"
                    + " (a plain safetensors file such as a PyTorch state_dict reads with SafeTensors.read)");
        }
        if (!format.equals(FORMAT)) {
            throw new ModelFileException(source, "not a seqlearn model file: format is "
                    + HeaderParser.quote(format) + ", expected \"" + FORMAT + "\"");
        }
        List<String> missing = new ArrayList<>();
        for (String key : List.of(FORMAT_VERSION_KEY, ARCHITECTURE)) {
            if (!meta.containsKey(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new ModelFileException(source, "missing required metadata key(s): " + String.join(", ", missing));
        }
        checkVersion(meta.get(FORMAT_VERSION_KEY), source);
        Map<String, String> blobs = new TreeMap<>(meta);
        blobs.remove(FORMAT_KEY);
        blobs.remove(FORMAT_VERSION_KEY);
        for (Map.Entry<String, String> blob : blobs.entrySet()) {
            String problem = jsonProblem(blob.getValue());
            if (problem != null) {
                throw new ModelFileException(source, "metadata " + HeaderParser.quote(blob.getKey())
                        + " is not valid JSON: " + problem);
            }
        }
        Map<String, TensorData> weights = new LinkedHashMap<>();
        Map<String, TensorData> optimizer = new LinkedHashMap<>();
        file.tensors().forEach((name, t) -> {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                optimizer.put(name.substring(OPTIMIZER_PREFIX.length()), t);
            } else {
                weights.put(name, t);
            }
        });
        return new ModelFileContents(weights, optimizer, blobs);
    }

    private static void checkVersion(String text, String source) throws ModelFileException {
        int version;
        try {
            version = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ModelFileException(source, "format_version must be a positive integer, got "
                    + HeaderParser.quote(text));
        }
        if (version < 1) {
            throw new ModelFileException(source, "format_version must be a positive integer, got " + version);
        }
        if (version > FORMAT_VERSION) {
            throw new ModelFileException(source, "format_version " + version + " is newer than this seqlearn reads ("
                    + FORMAT_VERSION + "); upgrade seqlearn to read this file");
        }
    }

    private static Map<String, TensorData> tensorsOf(ModelFileContents contents) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> w : contents.weights().entrySet()) {
            if (w.getKey().startsWith(OPTIMIZER_PREFIX)) {
                throw new IllegalArgumentException("model file: weight name " + HeaderParser.quote(w.getKey())
                        + " starts with the reserved prefix \"" + OPTIMIZER_PREFIX + "\"");
            }
            tensors.put(w.getKey(), w.getValue());
        }
        contents.optimizerState().forEach((name, t) -> tensors.put(OPTIMIZER_PREFIX + name, t));
        return tensors;
    }

    private static Map<String, String> metadataOf(ModelFileContents contents) {
        Map<String, String> meta = new TreeMap<>();
        if (!contents.blobs().containsKey(ARCHITECTURE)) {
            throw new IllegalArgumentException("model file: the \"" + ARCHITECTURE + "\" blob is required");
        }
        for (Map.Entry<String, String> blob : contents.blobs().entrySet()) {
            if (blob.getKey().equals(FORMAT_KEY) || blob.getKey().equals(FORMAT_VERSION_KEY)) {
                throw new IllegalArgumentException("model file: blob key \"" + blob.getKey() + "\" is reserved");
            }
            String problem = blob.getValue() == null ? "null" : jsonProblem(blob.getValue());
            if (problem != null) {
                throw new IllegalArgumentException("model file: blob " + HeaderParser.quote(blob.getKey())
                        + " is not valid JSON: " + problem);
            }
            meta.put(blob.getKey(), blob.getValue());
        }
        meta.put(FORMAT_KEY, FORMAT);
        meta.put(FORMAT_VERSION_KEY, Integer.toString(FORMAT_VERSION));
        return meta;
    }

    /** Null when {@code text} is one valid JSON value, else what is wrong with it. */
    private static String jsonProblem(String text) {
        try {
            var node = StrictJson.MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? "empty" : null;
        } catch (JacksonException e) {
            return HeaderParser.shorten(e.getOriginalMessage(), 200);
        }
    }
}
