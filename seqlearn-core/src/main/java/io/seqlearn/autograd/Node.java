package io.seqlearn.autograd;

import io.seqlearn.tensor.Tensor;

/**
 * One recorded operation in the autograd graph: its inputs and the backward rule that maps the gradient of
 * its output to gradients of its inputs.
 */
public final class Node {
    private final String name;
    private final Tensor[] inputs;
    private final Backward backward;
    private final boolean freshGradients;

    /** The backward rule of an op: output gradient in, one gradient per input out (null = none). */
    @FunctionalInterface
    public interface Backward {
        Tensor[] apply(Tensor gradOutput);
    }

    Node(String name, Tensor[] inputs, Backward backward, boolean freshGradients) {
        this.name = name;
        this.inputs = inputs;
        this.backward = backward;
        this.freshGradients = freshGradients;
    }

    public String name() { return name; }

    Tensor[] inputs() { return inputs; }

    Tensor[] backward(Tensor gradOutput) { return backward.apply(gradOutput); }

    /** Whether each gradient this node's backward returns is a new tensor nothing else holds (see recordFresh). */
    boolean freshGradients() { return freshGradients; }

    /**
     * Records {@code out} as produced by {@code name} from {@code inputs} when grad mode is on and any
     * input requires a gradient; returns {@code out} either way. The backward closure runs later in
     * no-grad mode, so it may use ordinary tensor ops.
     */
    public static Tensor record(Tensor out, String name, Backward backward, Tensor... inputs) {
        return record(out, name, backward, false, inputs);
    }

    /**
     * As {@link #record}, for an op whose backward returns, for each input, a new tensor over storage of its
     * own that nothing else references (not a view, not the incoming gradient, never the same tensor for two
     * inputs). The engine then makes such a gradient a leaf's {@code grad} as it is instead of copying it:
     * for a recurrent layer that copy was B·T·I floats (plus the weights) on the main thread every step.
     */
    public static Tensor recordFresh(Tensor out, String name, Backward backward, Tensor... inputs) {
        return record(out, name, backward, true, inputs);
    }

    private static Tensor record(Tensor out, String name, Backward backward, boolean fresh, Tensor... inputs) {
        if (!GradMode.isEnabled()) return out;
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                out.setGradFn(new Node(name, inputs, backward, fresh));
                return out;
            }
        }
        return out;
    }

    /** True if recording is on and some input needs a gradient (lets ops skip saving state). */
    public static boolean needsGrad(Tensor... inputs) {
        if (!GradMode.isEnabled()) return false;
        for (Tensor t : inputs) if (t != null && t.requiresGrad()) return true;
        return false;
    }
}
