package io.seqlearn.layers;

import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Base of layers that combine several tensors ({@link Concatenate}, {@link Add}), as Keras merge layers.
 * Inputs are the roles {@value Layer#X}, {@code x1}, {@code x2}, … in order; {@link #call(SymbolicTensor...)}
 * fills them from a list. The mask of the first input passes through.
 */
public abstract class Merge extends Layer {
    /** Most inputs one merge accepts. */
    public static final int MAX_INPUTS = 16;
    private static final Set<String> ROLES = roles();

    private static Set<String> roles() {
        Set<String> r = new LinkedHashSet<>();
        r.add(X);
        for (int i = 1; i < MAX_INPUTS; i++) r.add("x" + i);
        return java.util.Collections.unmodifiableSet(r);
    }

    /** Role name of input {@code i} (0 → {@value Layer#X}). */
    public static String role(int i) { return i == 0 ? X : "x" + i; }

    @Override
    public Set<String> inputRoles() { return ROLES; }

    /** Keras {@code Concatenate()([a, b])}. */
    public SymbolicTensor call(SymbolicTensor... xs) {
        if (xs.length < 2) throw new IllegalArgumentException(label() + ": needs at least 2 inputs, got " + xs.length);
        Map<String, SymbolicTensor> in = new LinkedHashMap<>();
        for (int i = 0; i < xs.length; i++) in.put(role(i), xs[i]);
        return call(in).get(0);
    }

    /** Eager form of {@link #call(SymbolicTensor...)}. */
    public Tensor forward(Tensor... xs) {
        Map<String, Tensor> in = new LinkedHashMap<>();
        for (int i = 0; i < xs.length; i++) in.put(role(i), xs[i]);
        return call(in, null).output();
    }

    @Override
    protected void onBuild(int[] inputShape, Rng rng) {}

    @Override
    public long plannedWeightCount(int[] inputShape) { return 0; }

    /** The inputs in order x, x1, x2, …; checks that they are consecutive. */
    protected <T> List<T> ordered(Map<String, T> inputs) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            T t = inputs.get(role(i));
            if (t == null) throw new IllegalArgumentException(label() + ": inputs must be x, x1, x2, … without gaps, got " + inputs.keySet());
            out.add(t);
        }
        if (out.size() < 2) throw new IllegalArgumentException(label() + ": needs at least 2 inputs, got " + out.size());
        return out;
    }

    @Override
    public List<int[]> outputShapes(Map<String, int[]> inputShapes) { return List.of(mergedShape(ordered(inputShapes))); }

    /** Output shape from the ordered input shapes; throws a {@link ShapeException} naming the layer. */
    protected abstract int[] mergedShape(List<int[]> shapes);

    @Override
    protected List<Tensor> compute(Map<String, Tensor> inputs, Tensor mask) {
        List<Tensor> xs = ordered(inputs);
        List<int[]> shapes = new ArrayList<>();
        for (Tensor t : xs) shapes.add(t.shape());
        mergedShape(shapes);
        return List.of(merge(xs));
    }

    /** The merge itself on checked inputs. */
    protected abstract Tensor merge(List<Tensor> xs);

    @Override
    public Map<String, Object> config() { return new LinkedHashMap<>(); }
}
