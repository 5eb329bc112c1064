package io.seqlearn.layers;

/**
 * Model inputs for the functional API, as {@code keras.Input(shape=..., name=...)}: the shape excludes the
 * batch dim and may use -1 for unknown sizes ({@code Input.of("tokens", -1)} is a (B, T) batch of token ids).
 */
public final class Input {
    private Input() {}

    /** A named model input of per-sample shape {@code shape} (no batch dim). */
    public static SymbolicTensor of(String name, int... shape) {
        if (name == null || name.isBlank() || name.contains(":") || name.contains(".")) {
            throw new IllegalArgumentException("input: bad name '" + name + "' (no '.' or ':')");
        }
        int[] full = new int[shape.length + 1];
        full[0] = -1;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return new SymbolicTensor(full, name, null, 0);
    }
}
