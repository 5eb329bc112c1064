package io.seqlearn.backend;

/**
 * Argument checks shared by every {@link Backend}. A fast backend hands raw pointers to native code, so a
 * bad offset or leading dimension must be caught here, with a message naming the kernel and the expected
 * and actual values, never as a crash or a silent read past the array.
 */
public final class KernelChecks {
    private KernelChecks() {}

    /**
     * Checks a row-major GEMM call {@code C = alpha op(A) op(B) + beta C} with op(A) (m, k), op(B) (k, n),
     * C (m, n). A is stored as (k, m) when transposed, B as (n, k).
     *
     * @throws IllegalArgumentException when a size is negative, a leading dimension is smaller than the
     *     stored row, or a matrix does not fit in its array from its offset
     */
    public static void gemm(String op, boolean transA, boolean transB, int m, int n, int k,
                            int aLength, int aOff, int lda, int bLength, int bOff, int ldb,
                            int cLength, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": sizes expected >= 0, got (m, n, k) = ("
                    + m + ", " + n + ", " + k + ")");
        }
        matrix(op, "A", transA ? k : m, transA ? m : k, aLength, aOff, lda, "lda");
        matrix(op, "B", transB ? n : k, transB ? k : n, bLength, bOff, ldb, "ldb");
        matrix(op, "C", m, n, cLength, cOff, ldc, "ldc");
    }

    /** Checks that a stored (rows, cols) row-major matrix with row stride {@code ld} fits its array. */
    static void matrix(String op, String name, int rows, int cols, int length, int off, int ld,
                       String ldName) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(op + ": " + ldName + " expected >= " + Math.max(1, cols)
                    + " (columns of " + name + " as stored, (" + rows + ", " + cols + ")), got " + ld);
        }
        long needed = rows == 0 || cols == 0 ? 0 : (long) (rows - 1) * ld + cols;
        fits(op, name, length, off, needed);
    }

    /** Checks that {@code n} elements from {@code off} lie inside an array of {@code length}. */
    public static void range(String op, String name, int length, int off, int n) {
        if (n < 0) throw new IllegalArgumentException(op + ": length expected >= 0, got " + n);
        fits(op, name, length, off, n);
    }

    /** Checks {@code y = op(x)} over {@code n} elements. */
    public static void unary(UnaryOp op, int xLength, int xOff, int yLength, int yOff, int n) {
        if (ok(xLength, xOff, n) && ok(yLength, yOff, n)) return;
        String name = "unary " + op;
        range(name, "x", xLength, xOff, n);
        range(name, "y", yLength, yOff, n);
    }

    /** Checks {@code y = op(a, b)} over {@code n} elements. */
    public static void binary(BinaryOp op, int aLength, int aOff, int bLength, int bOff,
                              int yLength, int yOff, int n) {
        if (ok(aLength, aOff, n) && ok(bLength, bOff, n) && ok(yLength, yOff, n)) return;
        String name = "binary " + op;
        range(name, "a", aLength, aOff, n);
        range(name, "b", bLength, bOff, n);
        range(name, "y", yLength, yOff, n);
    }

    /** Checks {@code y += alpha x} over {@code n} elements. */
    public static void axpy(int xLength, int xOff, int yLength, int yOff, int n) {
        range("axpy", "x", xLength, xOff, n);
        range("axpy", "y", yLength, yOff, n);
    }

    /** The message is built only on failure: these checks run on every small kernel call. */
    private static boolean ok(int length, int off, int n) {
        return n >= 0 && off >= 0 && (long) off + n <= length;
    }

    private static void fits(String op, String name, int length, int off, long needed) {
        if (off < 0 || off + needed > length) {
            throw new IllegalArgumentException(op + ": " + name + " needs " + needed
                    + " elements from offset " + off + ", array has " + length);
        }
    }
}
