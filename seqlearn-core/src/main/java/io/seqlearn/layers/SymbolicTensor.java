package io.seqlearn.layers;

/**
 * A placeholder for a tensor in a functional model (Keras {@code KerasTensor}): it knows its shape (batch
 * first, -1 for unknown sizes) and where it comes from — either a model input ({@link Input#of}) or output
 * {@code index} of one {@link LayerCall}. Models are built from these:
 *
 * <pre>{@code
 * SymbolicTensor tokens = Input.of("tokens", -1);          // (None, None)
 * SymbolicTensor h = new Embedding(1000, 32).call(tokens); // (None, None, 32)
 * }</pre>
 */
public final class SymbolicTensor {
    private final int[] shape;
    private final String inputName;
    private final LayerCall call;
    private final int index;

    SymbolicTensor(int[] shape, String inputName, LayerCall call, int index) {
        this.shape = shape.clone();
        this.inputName = inputName;
        this.call = call;
        this.index = index;
    }

    /** Shape including the batch dim; -1 marks unknown sizes. */
    public int[] shape() { return shape.clone(); }

    /** True when this is a model input made by {@link Input#of}. */
    public boolean isInput() { return call == null; }

    /** The input's name (inputs only). */
    public String inputName() { return inputName; }

    /** The layer call producing this tensor, or null for inputs. */
    public LayerCall producer() { return call; }

    /** Which output of its producer this is. */
    public int index() { return index; }

    @Override
    public String toString() {
        String from = isInput() ? "input '" + inputName + "'" : call.layer().label() + "[" + index + "]";
        return "SymbolicTensor" + SymbolicShapes.str(shape) + " from " + from;
    }
}
