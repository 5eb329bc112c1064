package io.seqlearn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqlearn.io.ModelFile;
import io.seqlearn.io.ModelFileContents;
import io.seqlearn.io.ModelFileException;
import io.seqlearn.io.StateDicts;
import io.seqlearn.io.TensorData;
import io.seqlearn.nn.Module;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model files of the recipes: a {@link ModelFile} whose {@code task} blob says which recipe wrote it
 * ({@code {"task":"lm","version":1,…}}), with the network's {@code architecture}, and the recipe's
 * {@code tokenizer}, {@code scaler} and {@code training} blobs. Reading checks that the file holds the
 * expected task, so that a forecaster given to {@code seqlearn generate} fails with one clear line.
 */
public final class TaskFile {
    /** Version of the task blob layout written here. */
    public static final int VERSION = 1;

    private TaskFile() {}

    /** Writes {@code model}'s state dict and the blobs; {@code blobs} must include "architecture" and "task". */
    public static void write(Path path, Module model, Map<String, String> blobs) throws IOException {
        Map<String, TensorData> weights = new LinkedHashMap<>();
        model.stateDict().forEach((k, t) -> weights.put(k, StateDicts.toData(t)));
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        ModelFile.write(path, weights, blobs);
    }

    /** The task blob for {@code kind} with extra recipe fields. */
    public static String taskBlob(TaskKind kind, Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", kind.id());
        m.put("version", VERSION);
        m.putAll(fields);
        return Json.write(m);
    }

    /**
     * Reads a model file and checks its task.
     *
     * @throws ModelFileException naming the file when it is not a seqlearn model, or is a model of another task
     */
    public static ModelFileContents read(Path path, TaskKind expected) throws IOException {
        ModelFileContents c = readAny(path);
        TaskKind actual = kindOf(path, c);
        if (actual != expected) {
            throw new ModelFileException(path.toString(), "is a " + actual.title() + " (task \"" + actual.id() + "\"), not a "
                    + expected.title() + "; use it with " + actual.commands());
        }
        return c;
    }

    /** Reads any model file (for {@code seqlearn info}), with a clear message for a missing file. */
    public static ModelFileContents readAny(Path path) throws IOException {
        if (!Files.exists(path)) throw new NoSuchFileException(path.toString(), null, "no such model file");
        if (Files.isDirectory(path)) {
            Path inside = path.resolve(RunDirectory.MODEL_FILE);
            if (Files.isRegularFile(inside)) return ModelFile.read(inside);
            throw new ModelFileException(path.toString(), "is a directory without " + RunDirectory.MODEL_FILE);
        }
        return ModelFile.read(path);
    }

    /** The recipe that wrote {@code c}. */
    public static TaskKind kindOf(Path path, ModelFileContents c) throws ModelFileException {
        String blob = c.blob(ModelFile.TASK).orElseThrow(() -> new ModelFileException(path.toString(),
                "a seqlearn model without a \"task\" blob (made with the library, not a recipe); load it in Java"));
        JsonNode t = Json.tree(blob, path + ": task blob");
        TaskKind k = TaskKind.byId(t.path("task").asText());
        if (k == null) throw new ModelFileException(path.toString(), "unknown task \"" + t.path("task").asText() + "\"");
        int v = t.path("version").asInt(0);
        if (v > VERSION) throw new ModelFileException(path.toString(), "task blob version " + v + " is newer than this seqlearn reads (" + VERSION + ")");
        return k;
    }

    /** Loads the weights into {@code model} (every name must match). */
    public static void loadWeights(Path path, ModelFileContents c, Module model) throws ModelFileException {
        Map<String, Tensor> w = new LinkedHashMap<>();
        c.weights().forEach((k, d) -> w.put(k, StateDicts.toTensor(d, DType.F32)));
        try {
            model.loadStateDict(w, true);
        } catch (RuntimeException e) {
            throw new ModelFileException(path.toString(), "weights do not fit the architecture: " + e.getMessage());
        }
    }

    /** The {@code recipe} field of the task blob as {@code type}. */
    public static <T> T recipe(Path path, ModelFileContents c, Class<T> type) throws ModelFileException {
        return field(path, c, "recipe", type);
    }

    /** A field of the task blob as {@code type}. */
    public static <T> T field(Path path, ModelFileContents c, String name, Class<T> type) throws ModelFileException {
        JsonNode node = Json.tree(blob(path, c, ModelFile.TASK), path + ": task blob").get(name);
        if (node == null) throw new ModelFileException(path.toString(), "task blob has no \"" + name + "\" field");
        return Json.read(node.toString(), type, path + ": task " + name);
    }

    /** The network config from the {@code architecture} blob. */
    public static <T> T architecture(Path path, ModelFileContents c, Class<T> type) {
        return Json.read(c.architecture(), type, path + ": architecture");
    }

    /** The {@code training} blob as a map (empty when absent). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> training(ModelFileContents c) {
        return c.blob(ModelFile.TRAINING).map(j -> (Map<String, Object>) Json.read(j, Map.class, "training")).orElse(Map.of());
    }

    /** The blob {@code key}, or an error naming the file. */
    public static String blob(Path path, ModelFileContents c, String key) throws ModelFileException {
        return c.blob(key).orElseThrow(() -> new ModelFileException(path.toString(), "model file has no \"" + key + "\" blob"));
    }
}
