package io.seqlearn.nn;

import io.seqlearn.tensor.Tensor;

/** Parameter-free element-wise activation as a module (for Sequential and Dense(activation)). */
public class Activation extends Module {
    /** The supported activations, named as in Keras. */
    public enum Kind { LINEAR, TANH, SIGMOID, RELU, GELU,
        /** GELU with PyTorch's approximate='tanh'. */
        GELU_TANH, SOFTMAX, LOG_SOFTMAX }

    private final Kind kind;

    public Activation(Kind kind) { this.kind = kind; }

    /** Parses a Keras-style name: "tanh", "relu", "softmax", "linear", …. */
    public static Activation of(String name) {
        try {
            return new Activation(Kind.valueOf(name.trim().toUpperCase().replace('-', '_')));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("activation: unknown '" + name + "'; expected one of "
                    + java.util.Arrays.toString(Kind.values()).toLowerCase());
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        return switch (kind) {
            case LINEAR -> x;
            case TANH -> x.tanh();
            case SIGMOID -> x.sigmoid();
            case RELU -> x.relu();
            case GELU -> x.gelu();
            case GELU_TANH -> io.seqlearn.ops.Elementwise.geluTanh(x);
            case SOFTMAX -> x.softmax(-1);
            case LOG_SOFTMAX -> x.logSoftmax(-1);
        };
    }

    public Kind kind() { return kind; }
}
