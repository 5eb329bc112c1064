package io.seqlearn.data.loader;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

/** Wraps a filled float buffer as a tensor of the wanted dtype (F64 widens exactly). */
final class IdTensors {
    private IdTensors() {}

    static Tensor wrap(DType dtype, float[] data, int... shape) {
        if (dtype == DType.F32) return Tensor.of(data, shape);
        double[] d = new double[data.length];
        for (int i = 0; i < data.length; i++) d[i] = data[i];
        return Tensor.of(d, shape);
    }

    /** Largest integer a float holds exactly: ids and labels beyond it would silently change. */
    static final int MAX_EXACT_F32 = 1 << 24;

    static void checkId(String op, String what, int sample, int position, int id) {
        if (id < 0 || id > MAX_EXACT_F32) {
            throw new IllegalArgumentException(op + ": " + what + (sample >= 0 ? " of sample " + sample : "")
                    + (position >= 0 ? " at position " + position : "") + " is " + id
                    + "; expected an id in [0, " + MAX_EXACT_F32 + "] (ids are stored exactly in float tensors)");
        }
    }
}
