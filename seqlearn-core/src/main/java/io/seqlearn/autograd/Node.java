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

    /** The backward rule of an op: output gradient in, one gradient per input out (null = none). */
    @FunctionalInterface
    public interface Backward {
        Tensor[] apply(Tensor gradOutput);
    }

    Node(String name, Tensor[] inputs, Backward backward) {
        this.name = name;
        this.inputs = inputs;
        this.backward = backward;
    }

    public String name() { return name; }

    Tensor[] inputs() { return inputs; }

    Tensor[] backward(Tensor gradOutput) { return backward.apply(gradOutput); }

    /**
     * Records {@code out} as produced by {@code name} from {@code inputs} when grad mode is on and any
     * input requires a gradient; returns {@code out} either way. The backward closure runs later in
     * no-grad mode, so it may use ordinary tensor ops.
     */
    public static Tensor record(Tensor out, String name, Backward backward, Tensor... inputs) {
        if (!GradMode.isEnabled()) return out;
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                out.setGradFn(new Node(name, inputs, backward));
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
