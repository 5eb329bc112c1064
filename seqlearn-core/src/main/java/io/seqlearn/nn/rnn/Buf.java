package io.seqlearn.nn.rnn;

import io.seqlearn.backend.Backend;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

import java.util.Arrays;

/**
 * A raw F32 or F64 work buffer for the fused recurrent kernels: exactly one of {@code f} and {@code d} is
 * set. The orchestration code is written once against this type; only the per-element kernels come in a
 * float and a double version. Methods here are per-row or per-call (never per-element virtual calls).
 */
record Buf(float[] f, double[] d) {

    static Buf zeros(DType dtype, int n) {
        return dtype == DType.F32 ? new Buf(new float[n], null) : new Buf(null, new double[n]);
    }

    /**
     * A buffer of n elements with unspecified contents, for a caller that writes every element it later
     * reads: F32 from {@link ScratchPool} (no zeroing), F64 new.
     */
    static Buf reused(DType dtype, int n) {
        return dtype == DType.F32 ? new Buf(ScratchPool.take(n), null) : zeros(dtype, n);
    }

    /** As {@link #reused}, zeroed. */
    static Buf reusedZeros(DType dtype, int n) {
        if (dtype != DType.F32) return zeros(dtype, n);
        float[] a = ScratchPool.take(n);
        Arrays.fill(a, 0f);
        return new Buf(a, null);
    }

    /** Hands a buffer nothing references any more back to {@link ScratchPool} (F32; null is ignored). */
    static void recycle(Buf b) {
        if (b != null && b.f != null) ScratchPool.give(b.f);
    }

    /** The storage of a tensor (callers add {@link Tensor#offset()}). */
    static Buf of(Tensor t) {
        return t.dtype() == DType.F32 ? new Buf(t.dataF(), null) : new Buf(null, t.dataD());
    }

    boolean isF32() { return f != null; }

    DType dtype() { return f != null ? DType.F32 : DType.F64; }

    int length() { return f != null ? f.length : d.length; }

    /** A tensor over this buffer (no copy). */
    Tensor tensor(Backend backend, int... shape) {
        return f != null ? Tensor.wrap(f, backend, shape) : Tensor.wrap(d, backend, shape);
    }

    void zero(int off, int n) {
        if (f != null) Arrays.fill(f, off, off + n, 0f); else Arrays.fill(d, off, off + n, 0.0);
    }

    /** dst[dstOff .. +n) = this[off .. +n). */
    void copyTo(int off, Buf dst, int dstOff, int n) {
        if (f != null) System.arraycopy(f, off, dst.f, dstOff, n); else System.arraycopy(d, off, dst.d, dstOff, n);
    }

    /** dst[dstOff + i] = a[aOff + i] + b[bOff + i]. */
    static void add(Buf a, int aOff, Buf b, int bOff, Buf dst, int dstOff, int n) {
        if (a.f != null) {
            for (int i = 0; i < n; i++) dst.f[dstOff + i] = a.f[aOff + i] + b.f[bOff + i];
        } else {
            for (int i = 0; i < n; i++) dst.d[dstOff + i] = a.d[aOff + i] + b.d[bOff + i];
        }
    }

    /** dst[dstOff + i] = a[aOff + i] * b[bOff + i]. */
    static void mul(Buf a, int aOff, Buf b, int bOff, Buf dst, int dstOff, int n) {
        if (a.f != null) {
            for (int i = 0; i < n; i++) dst.f[dstOff + i] = a.f[aOff + i] * b.f[bOff + i];
        } else {
            for (int i = 0; i < n; i++) dst.d[dstOff + i] = a.d[aOff + i] * b.d[bOff + i];
        }
    }

    /** dst[dstOff + i] += a[aOff + i] * b[bOff + i]. */
    static void addMul(Buf a, int aOff, Buf b, int bOff, Buf dst, int dstOff, int n) {
        if (a.f != null) {
            for (int i = 0; i < n; i++) dst.f[dstOff + i] += a.f[aOff + i] * b.f[bOff + i];
        } else {
            for (int i = 0; i < n; i++) dst.d[dstOff + i] += a.d[aOff + i] * b.d[bOff + i];
        }
    }

    /**
     * Adds the column sums of a (rows × cols) block with row stride {@code ld} into {@code out[outOff ..]}.
     * Accumulates in double so an F32 bias gradient over T·B rows keeps its precision.
     */
    void columnSumsInto(int off, int rows, int cols, int ld, Buf out, int outOff) {
        double[] acc = new double[cols];
        for (int r = 0; r < rows; r++) {
            int p = off + r * ld;
            if (f != null) for (int j = 0; j < cols; j++) acc[j] += f[p + j];
            else for (int j = 0; j < cols; j++) acc[j] += d[p + j];
        }
        if (out.f != null) for (int j = 0; j < cols; j++) out.f[outOff + j] += (float) acc[j];
        else for (int j = 0; j < cols; j++) out.d[outOff + j] += acc[j];
    }

    /**
     * Row-major GEMM through the backend: {@code C = op(A)·op(B) + beta·C} (alpha 1), dispatched on dtype.
     * Arguments as {@link Backend#sgemm}.
     */
    static void gemm(Backend be, boolean ta, boolean tb, int m, int n, int k, Buf a, int aOff, int lda,
                     Buf b, int bOff, int ldb, double beta, Buf c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (beta == 0) for (int i = 0; i < m; i++) c.zero(cOff + i * ldc, n);
            return;
        }
        if (a.f != null) {
            be.sgemm(ta, tb, m, n, k, 1f, a.f, aOff, lda, b.f, bOff, ldb, (float) beta, c.f, cOff, ldc);
        } else {
            be.dgemm(ta, tb, m, n, k, 1.0, a.d, aOff, lda, b.d, bOff, ldb, beta, c.d, cOff, ldc);
        }
    }
}
