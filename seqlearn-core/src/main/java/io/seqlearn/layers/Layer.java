package io.seqlearn.layers;

import io.seqlearn.tensor.Seeds;
import io.seqlearn.nn.Module;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Keras-style layer: a {@link Module} whose weights are created on first use from the input shape
 * (Keras {@code Layer.build}), so {@code new Dense(10)} needs no input size. Explicit sizes work too
 * ({@code new Dense(32, 10)} builds at once).
 *
 * <p>A layer wraps a PyTorch-style module from {@code io.seqlearn.nn} and adopts its parameters under the
 * same names, so state_dict keys read as in PyTorch ({@code dense.weight}, {@code lstm.weight_ih_l0}).
 *
 * <p>Inputs are passed by role: {@value #X} is the main input (its shape drives {@link #build}); some layers
 * accept side inputs (an RNN's {@code "lengths"}, {@code "initial_h"}). Shapes use -1 for unknown sizes
 * (Keras {@code None}), batch first. Masks are (B, T) tensors of 1 (valid) and 0 (padding) that flow from
 * {@code Embedding(maskZero)} to the layers that use them, as in Keras.
 *
 * <p>Randomness is seeded: weights from {@link #seed(long)} (set by the model from its seed and the layer's
 * index), dropout masks from {@link #setStepSeed(long)} (set by the trainer before every step), so a whole
 * run is a function of one seed.
 */
public abstract class Layer extends Module {
    /** Role of the main input. */
    public static final String X = "x";

    private String name;
    private DType dtype = DType.F32;
    private long seed;
    private int[] builtShape;
    private Rng stepRng;
    private final List<Module> adopted = new ArrayList<>();

    protected Layer() {
        this.seed = Seeds.mix(0, "init", nameStem().hashCode());
    }

    // ---- identity -----------------------------------------------------------------------------------------

    /** Type name in architecture JSON and summaries ("Dense", "LSTM"); registry key for loading. */
    public String typeName() { return getClass().getSimpleName(); }

    /** Default name stem in snake_case ("dense", "layer_normalization"), as Keras names layers. */
    public String nameStem() {
        return typeName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .toLowerCase();
    }

    /** The layer's name; null until given one or added to a model (which assigns "dense", "dense_1", …). */
    public String name() { return name; }

    /** Names the layer (Keras {@code name=}); names must be unique within a model. */
    public Layer named(String newName) {
        if (newName == null || newName.isBlank() || newName.contains(".") || newName.contains(":")) {
            throw new IllegalArgumentException(typeName() + ": bad layer name '" + newName + "' (no '.' or ':')");
        }
        this.name = newName;
        return this;
    }

    /** Name for messages: the name if set, else the stem. */
    protected String label() { return name != null ? name : nameStem(); }

    /** Element type of the weights (F32 default); set before the layer is built. */
    public DType dtype() { return dtype; }

    /** Sets the weight dtype; only before build. */
    public Layer dtype(DType newDtype) {
        requireUnbuilt("dtype");
        this.dtype = newDtype;
        return this;
    }

    /** Seed for weight initialisation; only before build. Models set it from their own seed. */
    public Layer seed(long newSeed) {
        requireUnbuilt("seed");
        this.seed = newSeed;
        return this;
    }

    private void requireUnbuilt(String what) {
        if (isBuilt()) throw new IllegalStateException(label() + ": cannot change " + what + " after the layer is built");
    }

    // ---- building -----------------------------------------------------------------------------------------

    public final boolean isBuilt() { return builtShape != null; }

    /** The input shape the layer was built for (-1 for unknown sizes), or null before build. */
    public final int[] builtInputShape() { return builtShape == null ? null : builtShape.clone(); }

    /**
     * Creates the weights for inputs of {@code inputShape} (batch first, -1 for unknown sizes; Keras
     * {@code build(input_shape)}). A second call is a no-op when the shape is compatible and an error otherwise.
     */
    public final void build(int... inputShape) {
        if (isBuilt()) {
            checkInputShape(inputShape);
            return;
        }
        onBuild(inputShape.clone(), new Rng(seed));
        builtShape = inputShape.clone();
        checkInputShape(inputShape);
    }

    /**
     * How many parameter and buffer elements {@link #build} would allocate for {@code inputShape}, or -1 when
     * the layer cannot tell (custom layers). Loading a model file checks this against the weights the file
     * really holds before building, so a hostile architecture cannot make the loader allocate gigabytes.
     */
    public long plannedWeightCount(int[] inputShape) { return -1; }

    /**
     * The shape to build for when the layer (or a Sequential) first meets a concrete input: the sizes the layer
     * depends on are kept, the rest become -1 (Keras {@code None}) so later batches may differ in them and
     * summaries show (None, None, 32). Default: only the last (feature) dim is kept; layers reading ids keep none.
     */
    public int[] symbolicInputShape(int[] concreteShape) {
        int[] s = new int[concreteShape.length];
        java.util.Arrays.fill(s, -1);
        if (s.length >= 2) s[s.length - 1] = concreteShape[s.length - 1];
        return s;
    }

    /** Creates the wrapped module(s) for {@code inputShape}, drawing initial weights from {@code rng}. */
    protected abstract void onBuild(int[] inputShape, Rng rng);

    /**
     * Checks a (possibly symbolic) main-input shape against what the built layer accepts; throws a
     * {@link ShapeException} naming the layer. Default: accepts anything.
     */
    protected void checkInputShape(int[] inputShape) {}

    /** The feature size (last dim) of an input shape, or a clear error when it is unknown. */
    protected int featureSize(int[] inputShape) {
        if (inputShape.length < 2) {
            throw new ShapeException(label() + ": input expected (B, ..., features), got " + SymbolicShapes.str(inputShape));
        }
        int f = inputShape[inputShape.length - 1];
        if (f < 0) throw new ShapeException(label() + ": the last input dim must be known to build, got " + SymbolicShapes.str(inputShape));
        return f;
    }

    /** Throws "name: input expected (*, ..., n), got (…)" unless the last dim is {@code n}. */
    protected void checkLastDim(int[] shape, int n) {
        if (shape.length < 2 || (shape[shape.length - 1] >= 0 && shape[shape.length - 1] != n)) {
            throw new ShapeException(label() + ": input expected (B, ..., " + n + "), got " + SymbolicShapes.str(shape));
        }
    }

    /**
     * Registers a wrapped module's direct parameters, buffers and children under this layer with their own
     * names, so keys are PyTorch's ({@code weight}, {@code weight_ih_l0}) without an extra path component.
     */
    protected <M extends Module> M adopt(M module) {
        Map<String, Tensor> params = module.namedParameters();
        for (var e : params.entrySet()) if (!e.getKey().contains(".")) registerParameter(e.getKey(), e.getValue());
        for (var e : module.stateDict().entrySet()) {
            if (!e.getKey().contains(".") && !params.containsKey(e.getKey())) registerBuffer(e.getKey(), e.getValue());
        }
        module.children().forEach(this::registerModule);
        module.train(isTraining());
        adopted.add(module);
        return module;
    }

    @Override
    public Module train(boolean on) {
        super.train(on);
        adopted.forEach(m -> m.train(on));
        return this;
    }

    // ---- shapes and roles -----------------------------------------------------------------------------------

    /** Input roles this layer accepts, in a fixed order; {@value #X} is required, the others are optional. */
    public Set<String> inputRoles() { return Set.of(X); }

    /** Output shapes for input shapes by role (-1 for unknown sizes). Default: one output of {@link #outputShape}. */
    public List<int[]> outputShapes(Map<String, int[]> inputShapes) {
        return List.of(outputShape(inputShapes.get(X)));
    }

    /** Shape of the single output for a main-input shape; default: unchanged. */
    protected int[] outputShape(int[] inputShape) { return inputShape.clone(); }

    // ---- eager calls -----------------------------------------------------------------------------------------

    /** Applies the layer to one input (building it on first use) and returns its main output. */
    @Override
    public final Tensor forward(Tensor x) { return call(Map.of(X, x), null).output(); }

    /**
     * Applies the layer to inputs by role with the main input's mask (or null); builds on first use for
     * {@link #symbolicInputShape} of the main input's shape.
     */
    public final LayerOutput call(Map<String, Tensor> inputs, Tensor mask) {
        Tensor x = inputs.get(X);
        if (x == null) throw new IllegalArgumentException(label() + ": the main input '" + X + "' is missing");
        for (String role : inputs.keySet()) {
            if (!inputRoles().contains(role)) {
                throw new IllegalArgumentException(label() + ": unknown input '" + role + "'; accepted " + inputRoles());
            }
        }
        int[] shape = x.shape();
        if (!isBuilt()) {
            build(symbolicInputShape(shape));
        } else {
            checkInputShape(shape);
        }
        return new LayerOutput(compute(inputs, mask), computeMask(inputs, mask));
    }

    /** The forward pass with all inputs; default: single-input {@link #compute(Tensor)}. */
    protected List<Tensor> compute(Map<String, Tensor> inputs, Tensor mask) {
        return List.of(compute(inputs.get(X)));
    }

    /** The forward pass of single-input layers. */
    protected Tensor compute(Tensor x) {
        throw new UnsupportedOperationException(label() + ": override compute(Tensor) or compute(Map, Tensor)");
    }

    /** Mask of the first output; default: the input mask passes through (per-time-step layers). */
    protected Tensor computeMask(Map<String, Tensor> inputs, Tensor mask) { return mask; }

    // ---- symbolic calls (functional API) ---------------------------------------------------------------------

    /**
     * Keras {@code layer(x)} on a symbolic tensor: records the call and returns its main output. The model made
     * from these calls builds the layer (from this input's shape) with its own seed.
     */
    public final SymbolicTensor call(SymbolicTensor x) { return call(Map.of(X, x)).get(0); }

    /** Symbolic call with inputs by role; returns every output (e.g. output, h, c). */
    public final List<SymbolicTensor> call(Map<String, SymbolicTensor> inputs) {
        SymbolicTensor x = inputs.get(X);
        if (x == null) throw new IllegalArgumentException(label() + ": the main input '" + X + "' is missing");
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (var e : inputs.entrySet()) {
            if (!inputRoles().contains(e.getKey())) {
                throw new IllegalArgumentException(label() + ": unknown input '" + e.getKey() + "'; accepted " + inputRoles());
            }
            shapes.put(e.getKey(), e.getValue().shape());
        }
        // Weights are created when the model is assembled (it seeds its layers first), not here.
        if (isBuilt()) checkInputShape(x.shape());
        Map<String, SymbolicTensor> ordered = new LinkedHashMap<>();
        for (String role : inputRoles()) if (inputs.containsKey(role)) ordered.put(role, inputs.get(role));
        return new LayerCall(this, ordered, outputShapes(shapes)).outputs();
    }

    // ---- randomness per step ---------------------------------------------------------------------------------

    /** Reseeds per-step randomness (dropout masks); the trainer calls this before every training step. */
    public void setStepSeed(long stepSeed) { this.stepRng = new Rng(stepSeed); }

    /** RNG for per-step randomness: the last step seed's stream, or one from the init seed if never set. */
    protected Rng stepRng() {
        if (stepRng == null) stepRng = new Rng(Seeds.mix(seed, "step"));
        return stepRng;
    }

    // ---- configuration ---------------------------------------------------------------------------------------

    /**
     * Constructor arguments as JSON-ready values (numbers, strings, booleans, lists, maps), enough for the
     * registry to rebuild an equal layer. Name, dtype and build shape are stored by the model beside it.
     */
    public abstract Map<String, Object> config();

    @Override
    public String toString() { return typeName() + "(" + label() + ")"; }
}
