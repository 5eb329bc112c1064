package io.seqlearn.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqlearn.io.DataType;
import io.seqlearn.io.ModelFile;
import io.seqlearn.io.ModelFileContents;
import io.seqlearn.io.ModelFileException;
import io.seqlearn.io.StateDicts;
import io.seqlearn.io.TensorData;
import io.seqlearn.layers.LayerRegistry;
import io.seqlearn.optim.Optimizer;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads models as seqlearn model files ({@link ModelFile}: safetensors weights under PyTorch names,
 * the architecture JSON, attached blobs such as "tokenizer"/"scaler"). Checkpoints add the optimizer's state
 * (tensors "optim.*") and a "trainer" blob — see {@link TrainerBlob} — so that a run resumed from one continues
 * bit for bit. Writes are atomic; a file that does not fit its architecture fails as a
 * {@link ModelFileException} before any weight is copied into a model.
 */
final class ModelFiles {
    static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {}

    /** Weights, architecture and blobs; with {@code checkpoint}, also optimizer and trainer state. */
    static void save(Model m, Path path, boolean checkpoint, List<Callback> callbacks) throws IOException {
        Map<String, TensorData> weights = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> weights.put(k, StateDicts.toData(v)));
        Map<String, String> blobs = new LinkedHashMap<>(m.blobs());
        blobs.put(ModelFile.ARCHITECTURE, json(m.architecture()));
        Map<String, TensorData> optimizer = new LinkedHashMap<>();
        if (checkpoint) {
            blobs.put(ModelFile.TRAINER, json(TrainerBlob.of(m, callbacks)));
            Optimizer opt = m.optimizer();
            Map<String, Tensor> state = opt != null ? opt.stateDict() : m.state.pendingOptimizerState;
            if (state != null) state.forEach((k, v) -> optimizer.put(k, StateDicts.toData(v)));
        }
        ModelFile.write(path, new ModelFileContents(weights, optimizer, blobs));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(JsonSafe.clean(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> parse(String json, String source, String what) throws ModelFileException {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new ModelFileException(source, what + " is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** Rebuilds the model from the architecture, then loads weights, blobs and any trainer/optimizer state. */
    static Model load(Path path, LayerRegistry registry) throws IOException {
        String source = path.toString();
        ModelFileContents c = ModelFile.read(path);
        Map<String, Object> arch = parse(c.architecture(), source, "architecture");
        Model m;
        try {
            long inFile = 0;
            for (TensorData t : c.weights().values()) inFile += t.numel();
            m = Architecture.rebuild(arch, registry, inFile);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new ModelFileException(source, "cannot rebuild the model: " + e.getMessage(), e);
        }
        c.blobs().forEach((k, v) -> {
            if (!k.equals(ModelFile.ARCHITECTURE) && !k.equals(ModelFile.TRAINER)) m.putBlob(k, v);
        });
        apply(m, c, source);
        return m;
    }

    /** Loads weights and trainer/optimizer state of a file into an existing model of the same architecture. */
    static void restore(Model m, Path path) throws IOException {
        ModelFileContents c = ModelFile.read(path);
        apply(m, c, path.toString());
    }

    /**
     * Checks everything that can fail first (weights fit, trainer blob parses, optimizer state loads — rolled
     * back if not), then copies the weights and counters: a bad file never leaves a half-restored model.
     */
    private static void apply(Model m, ModelFileContents c, String source) throws ModelFileException {
        Map<String, Tensor> own = m.stateDict();
        checkFits(own, c.weights(), source);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        c.weights().forEach((k, v) -> weights.put(k, StateDicts.toTensor(v, own.get(k).dtype())));
        TrainerBlob trainer = null;
        if (c.blob(ModelFile.TRAINER).isPresent()) {
            trainer = TrainerBlob.read(parse(c.blob(ModelFile.TRAINER).get(), source, "trainer"), source);
        }
        Map<String, Tensor> opt = null;
        if (!c.optimizerState().isEmpty()) {
            opt = new LinkedHashMap<>();
            for (var e : c.optimizerState().entrySet()) {
                opt.put(e.getKey(), StateDicts.toTensor(e.getValue(), e.getValue().dtype() == DataType.F32 ? DType.F32 : DType.F64));
            }
            if (m.optimizer() != null) loadOptimizer(m.optimizer(), opt, source);
        }
        m.loadStateDict(weights, true);
        if (trainer != null) trainer.applyTo(m);
        if (opt != null && m.optimizer() == null) m.state.pendingOptimizerState = opt;
    }

    private static void loadOptimizer(Optimizer o, Map<String, Tensor> state, String source) throws ModelFileException {
        Map<String, Tensor> before = new LinkedHashMap<>();
        o.stateDict().forEach((k, v) -> before.put(k, v.detach().copy()));
        try {
            o.loadStateDict(state);
        } catch (RuntimeException e) {
            o.loadStateDict(before);
            throw new ModelFileException(source, "optimizer state does not fit the optimizer: " + e.getMessage(), e);
        }
    }

    /** Every key present with its exact shape, nothing extra — checked before any weight is copied. */
    private static void checkFits(Map<String, Tensor> own, Map<String, TensorData> file, String source) throws ModelFileException {
        List<String> missing = own.keySet().stream().filter(k -> !file.containsKey(k)).toList();
        List<String> unexpected = file.keySet().stream().filter(k -> !own.containsKey(k)).toList();
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new ModelFileException(source, "weights do not fit the model: missing " + missing + ", unexpected " + unexpected);
        }
        for (var e : own.entrySet()) {
            int[] want = e.getValue().shapeRef();
            int[] got = file.get(e.getKey()).intShape();
            if (!java.util.Arrays.equals(want, got)) {
                throw new ModelFileException(source, "weights do not fit the model: '" + e.getKey() + "' expected "
                        + io.seqlearn.tensor.Shapes.str(want) + ", got " + io.seqlearn.tensor.Shapes.str(got));
            }
        }
    }
}
