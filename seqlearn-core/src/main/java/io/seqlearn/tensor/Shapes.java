package io.seqlearn.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by tensors and ops: sizes, strides, broadcasting and readable formatting. */
public final class Shapes {
    private Shapes() {}

    /** Number of elements of a shape; throws if it overflows an int (buffers are Java arrays). */
    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("negative dimension in shape " + str(shape));
            n *= s;
        }
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("tensor too large: " + str(shape));
        return (int) n;
    }

    /** Row-major (C order) strides of a shape. */
    public static int[] contiguousStrides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return st;
    }

    /** NumPy broadcasting of two shapes; {@code op} names the caller in the error. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new ShapeException(op + ": shapes " + str(a) + " and " + str(b) + " cannot be broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Normalises a possibly negative axis. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ShapeException(op + ": axis " + axis + " out of range for a tensor of rank " + rank);
        }
        return a;
    }

    /** "(2, 3, 4)" — the format used in every shape error. */
    public static String str(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** Product of dims in [from, to). */
    public static int prod(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) p *= shape[i];
        return p;
    }

    /** Shape with one dim removed. */
    public static int[] remove(int[] shape, int axis) {
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) if (i != axis) out[j++] = shape[i];
        return out;
    }

    /** Shape with {@code axis} set to {@code size}. */
    public static int[] with(int[] shape, int axis, int size) {
        int[] out = shape.clone();
        out[axis] = size;
        return out;
    }

    /** Shape with a new dim of {@code size} inserted at {@code axis}. */
    public static int[] insert(int[] shape, int axis, int size) {
        int[] out = new int[shape.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) out[i] = i == axis ? size : shape[j++];
        return out;
    }

    /** Shape equality. */
    public static boolean same(int[] a, int[] b) { return Arrays.equals(a, b); }

    /**
     * Checks {@code actual} against {@code expected}, where -1 in expected matches any size; throws
     * "{@code op}: {what} expected (B, T, 32), got (8, 50, 16)" style errors.
     */
    public static void check(String op, String what, int[] actual, int... expected) {
        boolean ok = actual.length == expected.length;
        for (int i = 0; ok && i < actual.length; i++) ok = expected[i] < 0 || expected[i] == actual[i];
        if (!ok) {
            StringBuilder e = new StringBuilder("(");
            for (int i = 0; i < expected.length; i++) {
                if (i > 0) e.append(", ");
                e.append(expected[i] < 0 ? "*" : String.valueOf(expected[i]));
            }
            throw new ShapeException(op + ": " + what + " expected " + e.append(")") + ", got " + str(actual));
        }
    }
}
