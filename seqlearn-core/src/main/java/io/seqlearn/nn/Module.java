package io.seqlearn.nn;

import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of every layer, as {@code torch.nn.Module}: named parameters (leaf tensors with requiresGrad),
 * buffers and sub-modules in registration order, dotted state_dict names ({@code encoder.weight_ih_l0}),
 * and a train/eval switch. Parameters are plain {@link Tensor}s; optimizers update their storage in place.
 */
public abstract class Module {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a trainable tensor under {@code name}; it becomes a leaf that requires grad. */
    protected Tensor registerParameter(String name, Tensor value) {
        checkName(name);
        value.requiresGrad(true);
        params.put(name, value);
        return value;
    }

    /** Registers saved, non-trainable state (e.g. running statistics, fixed positional tables). */
    protected Tensor registerBuffer(String name, Tensor value) {
        checkName(name);
        buffers.put(name, value);
        return value;
    }

    /** Registers a child module under {@code name}. */
    protected <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) throw new IllegalArgumentException("bad module member name: '" + name + "'");
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name + "' registered twice");
        }
    }

    /**
     * Single-input forward used by {@code Sequential}. Modules with several inputs or typed outputs expose
     * their own {@code forward} overloads and may leave this unsupported.
     */
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no single-tensor forward");
    }

    /** All parameters, recursively, by dotted name, in registration order. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false);
        return out;
    }

    /** All parameters, recursively. */
    public List<Tensor> parameters() { return new ArrayList<>(namedParameters().values()); }

    /** Parameters and buffers by dotted name: what is saved and loaded. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean withBuffers) {
        params.forEach((k, v) -> out.put(prefix + k, v));
        if (withBuffers) buffers.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, m) -> m.collect(prefix + k + ".", out, withBuffers));
    }

    /**
     * Copies values into this module's parameters and buffers by name (shapes must match exactly).
     * With {@code strict}, missing or unexpected keys are errors, listed by name.
     */
    public void loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = stateDict();
        if (strict) {
            List<String> missing = own.keySet().stream().filter(k -> !state.containsKey(k)).toList();
            List<String> unexpected = state.keySet().stream().filter(k -> !own.containsKey(k)).toList();
            if (!missing.isEmpty() || !unexpected.isEmpty()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: missing keys "
                        + missing + ", unexpected keys " + unexpected);
            }
        }
        for (var e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) continue;
            Tensor dst = e.getValue();
            if (!Shapes.same(src.shapeRef(), dst.shapeRef())) {
                throw new ShapeException(getClass().getSimpleName() + ".loadStateDict: '" + e.getKey() + "' expected "
                        + Shapes.str(dst.shapeRef()) + ", got " + Shapes.str(src.shapeRef()));
            }
            dst.copyFrom(src);
        }
    }

    /** Direct children by name. */
    public Map<String, Module> children() { return Collections.unmodifiableMap(children); }

    /** Training mode (dropout active) for this module and all children. */
    public Module train(boolean on) {
        training = on;
        children.values().forEach(m -> m.train(on));
        return this;
    }

    /** Evaluation mode. */
    public Module eval() { return train(false); }

    public boolean isTraining() { return training; }

    /** Clears every parameter's gradient. */
    public void zeroGrad() { params().forEach(p -> p.setGrad(null)); }

    private List<Tensor> params() { return parameters(); }

    /** Number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Tensor p : parameters()) n += p.numel();
        return n;
    }
}
