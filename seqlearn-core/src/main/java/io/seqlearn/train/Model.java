package io.seqlearn.train;

import io.seqlearn.data.TrainingData;
import io.seqlearn.metrics.Metric;
import io.seqlearn.layers.Layer;
import io.seqlearn.layers.LayerRegistry;
import io.seqlearn.tensor.Seeds;
import io.seqlearn.layers.SymbolicTensor;
import io.seqlearn.loss.Loss;
import io.seqlearn.nn.Module;
import io.seqlearn.optim.Optimizer;
import io.seqlearn.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trainable network of Keras-style layers with Keras' training API: {@code compile}, {@code fit},
 * {@code evaluate}, {@code predict}, {@code summary}, plus one-file saving. Two kinds: {@link Sequential}
 * (a stack) and {@link FunctionalModel} (a graph of layer calls with several inputs/outputs, made with
 * {@link #of}). It is a {@link Module}: state_dict keys are {@code layerName.paramName} ({@code lstm.weight_ih_l0}).
 *
 * <p>One seed ({@link #seed(long)}, default 0) fixes the whole run: layer i's weights come from
 * mix(seed, "init", i), the order of epoch e from mix(seed, "shuffle", e), the dropout masks of global step s
 * in layer i from mix(seed, "dropout", s, i). A run resumed from a checkpoint therefore repeats the
 * uninterrupted one bit for bit.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Embedding(1000, 32), new LSTM(64), new Dense(2));
 * model.compile(p -> new Adam(p, 1e-3), new CrossEntropyLoss());
 * History h = model.fit(x, y, FitOptions.defaults().withEpochs(5).withValidationSplit(0.1));
 * }</pre>
 */
public abstract class Model extends Module {
    private final String name;
    private long seed;
    private Compiled compiled;
    private Optimizer optimizer;
    final TrainingState state = new TrainingState();
    private final Map<String, String> blobs = new LinkedHashMap<>();

    protected Model(String name) { this.name = name; }

    /** A functional model from symbolic inputs to outputs ({@code keras.Model(inputs, outputs)}). */
    public static FunctionalModel of(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
        return new FunctionalModel("model", inputs, outputs);
    }

    /** A named functional model (the name shows in summaries and errors). */
    public static FunctionalModel of(String name, List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
        return new FunctionalModel(name, inputs, outputs);
    }

    /** Single-input, single-output functional model. */
    public static FunctionalModel of(SymbolicTensor input, SymbolicTensor output) {
        return of(List.of(input), List.of(output));
    }

    public String name() { return name; }

    // ---- structure --------------------------------------------------------------------------------------------

    public abstract List<String> inputNames();

    public abstract List<String> outputNames();

    /** Layers in build order (the order that numbers their init seeds). */
    public abstract List<Layer> layers();

    /** The layer called {@code layerName}. */
    public Layer layer(String layerName) {
        for (Layer l : layers()) if (layerName.equals(l.name())) return l;
        throw new IllegalArgumentException(name + ": no layer '" + layerName + "'");
    }

    public abstract boolean isBuilt();

    /** Builds the layers if the input shapes are known; returns {@link #isBuilt()}. */
    protected abstract boolean tryBuild();

    /** Builds the layers for inputs of these shapes (batch first) without running them. */
    protected abstract void buildFor(Map<String, int[]> inputShapes);

    /** The forward pass; builds from the inputs' shapes when needed. Inputs/outputs by model name. */
    protected abstract Map<String, Tensor> run(Map<String, Tensor> inputs);

    /** Keras-style table of layers, output shapes and parameter counts; build the model first. */
    public abstract String summary();

    /** The architecture as a JSON-ready map (layer types, configs, build shapes, graph), for model files. */
    public abstract Map<String, Object> architecture();

    // ---- seeds ------------------------------------------------------------------------------------------------

    public long seed() { return seed; }

    /** Sets the run seed; weights depend on it, so set it before the model is built. */
    public Model seed(long newSeed) {
        if (isBuilt()) throw new IllegalStateException(name + ": set the seed before the model is built");
        this.seed = newSeed;
        return this;
    }

    /** Gives every unbuilt layer its init seed mix(seed, "init", index); called right before building. */
    protected void seedLayers() {
        List<Layer> ls = layers();
        for (int i = 0; i < ls.size(); i++) if (!ls.get(i).isBuilt()) ls.get(i).seed(Seeds.mix(seed, "init", i));
    }

    /** Reseeds per-step randomness (dropout) of every layer for global step {@code step} of a run seeded {@code runSeed}. */
    void setStepSeeds(long runSeed, long step) {
        List<Layer> ls = layers();
        for (int i = 0; i < ls.size(); i++) ls.get(i).setStepSeed(Seeds.mix(runSeed, "dropout", step, i));
    }

    // ---- forward ------------------------------------------------------------------------------------------------

    /** Runs the model on inputs by name (a single-input model takes any one name); outputs by name. */
    public Map<String, Tensor> forward(Map<String, Tensor> inputs) { return run(matchInputs(inputs, "forward")); }

    /** Single input → single output. */
    @Override
    public Tensor forward(Tensor x) {
        if (inputNames().size() != 1 || outputNames().size() != 1) {
            throw new IllegalStateException(name + ": forward(Tensor) needs one input and one output; model has inputs "
                    + inputNames() + " and outputs " + outputNames());
        }
        return forward(Map.of(inputNames().get(0), x)).get(outputNames().get(0));
    }

    Map<String, Tensor> matchInputs(Map<String, Tensor> given, String op) {
        return matchByName(given, inputNames(), "input", op);
    }

    /** Maps tensors to the expected names; a single expected name accepts any single tensor. */
    Map<String, Tensor> matchByName(Map<String, Tensor> given, List<String> expected, String what, String op) {
        if (expected.size() == 1 && given.size() == 1) return Map.of(expected.get(0), given.values().iterator().next());
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String n : expected) {
            Tensor t = given.get(n);
            if (t == null) {
                throw new IllegalArgumentException(name + "." + op + ": no " + what + " '" + n + "'; model " + what + "s "
                        + expected + ", got " + given.keySet());
            }
            out.put(n, t);
        }
        return out;
    }

    // ---- parameters: build first so counts and state dicts are complete ----------------------------------------

    @Override
    public Map<String, Tensor> namedParameters() {
        tryBuild();
        return super.namedParameters();
    }

    @Override
    public Map<String, Tensor> stateDict() {
        tryBuild();
        return super.stateDict();
    }

    // ---- compile ----------------------------------------------------------------------------------------------

    /** Keras {@code compile(optimizer, loss, metrics)} for a single-output model. */
    public Model compile(OptimizerFactory optimizerFactory, Loss loss, Metric... metrics) {
        return compile(optimizerFactory, Map.of("*", loss), Map.of("*", List.of(metrics)));
    }

    /**
     * Multi-output form: a loss per output name (the total loss is their sum) and metrics per output name.
     * The key "*" stands for the only output of a single-output model.
     */
    public Model compile(OptimizerFactory optimizerFactory, Map<String, Loss> losses, Map<String, List<Metric>> metrics) {
        this.compiled = Compiled.of(this, optimizerFactory, losses, metrics);
        this.optimizer = null;
        return this;
    }

    /** Uses an optimizer made for this model's parameters (the model must be built). */
    public Model compile(Optimizer opt, Loss loss, Metric... metrics) {
        return compile(params -> {
            if (!new ArrayList<>(opt.parameters()).equals(params)) {
                throw new IllegalArgumentException(name + ".compile: the optimizer was not made for this model's parameters");
            }
            return opt;
        }, loss, metrics);
    }

    Compiled compiled() {
        if (compiled == null) throw new IllegalStateException(name + ": call compile(optimizer, loss) before fit/evaluate");
        return compiled;
    }

    public boolean isCompiled() { return compiled != null; }

    /** The optimizer, or null until the first training step creates it. */
    public Optimizer optimizer() { return optimizer; }

    /** Creates the optimizer on first use (after the layers are built) and applies restored state. */
    Optimizer ensureOptimizer() {
        if (optimizer == null) {
            optimizer = compiled().optimizerFactory().create(parameters());
            if (state.pendingOptimizerState != null) {
                optimizer.loadStateDict(state.pendingOptimizerState);
                state.pendingOptimizerState = null;
            }
        }
        return optimizer;
    }

    // ---- training API ------------------------------------------------------------------------------------------

    /** Keras {@code fit}; see {@link FitOptions}. Returns the model's history (all epochs so far). */
    public History fit(TrainingData data, FitOptions options) { return new FitLoop(this, options).run(data); }

    /** {@code fit(x, y)} for a single-input, single-output model. */
    public History fit(Tensor x, Tensor y, FitOptions options) { return fit(ArrayData.of(x, y), options); }

    /** Loss and metrics on {@code data} in eval mode, keyed as in training logs ("loss", "accuracy"). */
    public Map<String, Double> evaluate(TrainingData data, int batchSize) {
        return new Evaluator(this).evaluate(data, batchSize);
    }

    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) { return evaluate(ArrayData.of(x, y), batchSize); }

    /** Outputs by name for every sample, batch results joined along dim 0, in eval mode without gradients. */
    public Map<String, Tensor> predict(TrainingData data, int batchSize) {
        return new Evaluator(this).predict(data, batchSize);
    }

    /** Single-input, single-output prediction. */
    public Tensor predict(Tensor x, int batchSize) {
        Map<String, Tensor> out = predict(ArrayData.inputs(x), batchSize);
        if (out.size() != 1) throw new IllegalStateException(name + ": predict(Tensor) needs a single-output model, outputs " + out.keySet());
        return out.values().iterator().next();
    }

    /** Per-epoch logs of every fit so far (restored from checkpoints). */
    public History history() { return state.history; }

    /** Completed training epochs (continues across fits and checkpoints). */
    public int epochsCompleted() { return state.epoch; }

    /** Completed optimizer steps. */
    public long stepsCompleted() { return state.globalStep; }

    // ---- files ----------------------------------------------------------------------------------------------------

    /**
     * Writes one model file (atomically): weights under PyTorch names, the architecture JSON and the attached
     * blobs ({@link #putBlob}). {@link #load} rebuilds the model from it.
     */
    public void save(Path path) throws IOException { ModelFiles.save(this, path, false, List.of()); }

    /**
     * Writes a checkpoint: a model file plus the optimizer's state and the trainer state (completed epochs and
     * steps, history, callback states). Loading it and calling {@code fit} continues the run bit for bit.
     */
    public void saveCheckpoint(Path path) throws IOException { saveCheckpoint(path, List.of()); }

    /** Checkpoint that also records the state of {@code callbacks} (restored by position and type on resume). */
    public void saveCheckpoint(Path path, List<Callback> callbacks) throws IOException {
        ModelFiles.save(this, path, true, callbacks);
    }

    /** Rebuilds a model (built-in layers) from a model file or checkpoint; compile it again to train on. */
    public static Model load(Path path) throws IOException { return load(path, LayerRegistry.builtins()); }

    /** As {@link #load(Path)}, with custom layers from {@code registry}. */
    public static Model load(Path path, LayerRegistry registry) throws IOException { return ModelFiles.load(path, registry); }

    /**
     * Loads a file's weights (and, for a checkpoint, optimizer and trainer state) into this model, whose
     * architecture must match — for scripts that rebuild the model in code and then resume.
     */
    public void restore(Path path) throws IOException { ModelFiles.restore(this, path); }

    // ---- attached JSON blobs (tokenizer, scaler, task) ---------------------------------------------------------

    /** Attaches a JSON blob saved with the model (e.g. "tokenizer", "scaler"); must be valid JSON. */
    public Model putBlob(String key, String json) {
        blobs.put(key, json);
        return this;
    }

    /** JSON blobs attached to or loaded with this model, by key. */
    public Map<String, String> blobs() { return java.util.Collections.unmodifiableMap(blobs); }

    @Override
    public String toString() { return getClass().getSimpleName() + "(" + name + ", " + layers().size() + " layers)"; }
}
