package io.seqlearn.backend.cpu;

/**
 * A weight matrix op(W) of shape (k, n), copied once into the panel layout of the packed GEMM micro-kernel
 * so that many products {@code C = A·op(W) + beta·C} with the same W skip the per-call re-packing a BLAS
 * library does (see {@link CpuBackend#pack} and {@link CpuBackend#gemm}).
 *
 * <p>Layout: the k rows are cut into blocks of {@link PackedGemm#KC}; inside a block, each group of
 * {@link PackedGemm#NR} = 16 columns (a panel) is stored as {@code kc × 16} contiguous floats, row after
 * row, the last panel padded with zeros. A block of rows therefore occupies {@code kc · 16 · panels}
 * floats, so a panel's slice of one k-block (16 KiB at kc = 256) stays in L1 while every row group of A
 * is multiplied with it.
 *
 * <p>Immutable and thread-safe once built. It is a snapshot: changing W after packing (an optimizer step)
 * does not change the packed copy, so pack again after every update. F32 only.
 */
public final class PackedMatrix {
    final int k;
    final int n;
    final int panels;
    final float[] data;

    PackedMatrix(int k, int n) {
        this.k = k;
        this.n = n;
        this.panels = (n + PackedGemm.NR - 1) / PackedGemm.NR;
        long size = (long) k * panels * PackedGemm.NR;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("pack: op(W) of (" + k + ", " + n
                    + ") needs " + size + " floats packed, more than a Java array holds");
        }
        this.data = new float[(int) size];
    }

    /** Rows of op(W): the inner dimension k of {@code A·op(W)}; A must have this many columns. */
    public int rows() { return k; }

    /** Columns of op(W): the columns n of the product C. */
    public int cols() { return n; }

    /** Bytes held by the packed copy (n rounded up to a multiple of 16, times k, times 4). */
    public long bytes() { return 4L * data.length; }

    @Override
    public String toString() { return "PackedMatrix(" + k + ", " + n + ")"; }
}
