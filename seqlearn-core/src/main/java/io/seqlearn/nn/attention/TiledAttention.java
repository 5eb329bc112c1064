package io.seqlearn.nn.attention;

import io.seqlearn.backend.Backend;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.StridedIndex;
import io.seqlearn.tensor.Tensor;

import java.util.Arrays;

/**
 * Memory-efficient scaled dot-product attention for inference (F32, no autograd): queries are processed
 * in blocks of {@value #BLOCK_Q} rows and keys in blocks of {@value #BLOCK_K}, keeping a running row
 * maximum m and normaliser l (the "online softmax" of Milakov &amp; Gimelshein 2018, as used by
 * FlashAttention, Dao et al. 2022):
 * <pre>  S = scale·Q_b K_cᵀ + mask;  m' = max(m, rowmax S);  l' = e^(m−m')·l + Σ e^(S−m');  O' = e^(m−m')·O + e^(S−m')·V_c</pre>
 * and finally O / l. Both products are backend GEMMs on raw arrays; the only scratch is one
 * {@value #BLOCK_Q}×{@value #BLOCK_K} tile, so T = 4096 self-attention never allocates T×T. Rows whose keys
 * are all masked give zeros, as in {@link MaskedSoftmax}.
 */
public final class TiledAttention {
    static final int BLOCK_Q = 64;
    static final int BLOCK_K = 128;

    private TiledAttention() {}

    /**
     * q (…, Tq, E), k (…, Tk, E), v (…, Tk, Ev), masks additive and broadcasting to (…, Tq, Tk) → (…, Tq, Ev).
     * The result carries no gradient.
     */
    public static Tensor apply(Tensor q, Tensor k, Tensor v, double scale, boolean causal, Tensor... masks) {
        ScaledDotProductAttention.check(q, k, v);
        if (q.dtype() != DType.F32) throw new ShapeException("tiled_attention: F32 only, got " + q.dtype());
        int tq = q.size(-2), tk = k.size(-2), e = q.size(-1), ev = v.size(-1);
        int[] batch = Shapes.broadcast("tiled_attention", lead(q), Shapes.broadcast("tiled_attention", lead(k), lead(v)));
        Mat mq = Mat.of(q, batch), mk = Mat.of(k, batch), mv = Mat.of(v, batch);
        int[] scoreShape = with(batch, tq, tk);
        BiasRows[] rows = BiasRows.all("tiled_attention", masks, scoreShape);
        Tensor out = q.newZeros(with(batch, tq, ev));
        float[] o = out.dataF();
        Backend be = q.backend();
        float[] s = new float[Math.min(BLOCK_Q, Math.max(tq, 1)) * Math.min(BLOCK_K, Math.max(tk, 1))];
        double[] m = new double[BLOCK_Q], l = new double[BLOCK_Q];
        int nb = Shapes.numel(batch);
        for (int n = 0; n < nb; n++) {
            for (int i0 = 0; i0 < tq; i0 += BLOCK_Q) {
                int rq = Math.min(BLOCK_Q, tq - i0);
                Arrays.fill(m, Double.NEGATIVE_INFINITY);
                Arrays.fill(l, 0);
                int oOff = (n * tq + i0) * ev;
                for (int j0 = 0; j0 < tk; j0 += BLOCK_K) {
                    if (causal && j0 > i0 + rq - 1 + tk - tq) break; // every later key is in the future
                    int ck = Math.min(BLOCK_K, tk - j0);
                    be.sgemm(mq.trans, !mk.trans, rq, ck, e, (float) scale, mq.data, mq.off[n] + i0 * mq.ldRow, mq.ld,
                            mk.data, mk.off[n] + j0 * mk.ldRow, mk.ld, 0f, s, 0, ck);
                    for (int r = 0; r < rq; r++) {
                        int limit = causal ? Math.min(ck, i0 + r + tk - tq - j0 + 1) : ck;
                        onlineRow(s, r * ck, ck, limit, rows, n * tq + i0 + r, j0, m, l, r, o, oOff + r * ev, ev);
                    }
                    be.sgemm(false, mv.trans, rq, ev, ck, 1f, s, 0, ck, mv.data, mv.off[n] + j0 * mv.ldRow, mv.ld,
                            1f, o, oOff, ev);
                }
                for (int r = 0; r < rq; r++) {
                    float inv = l[r] > 0 ? (float) (1.0 / l[r]) : 0f;
                    for (int c = 0, p = oOff + r * ev; c < ev; c++) o[p + c] *= inv;
                }
            }
        }
        return out;
    }

    /** Adds masks to one score row, updates (m, l), rescales the output row and turns scores into e^(S−m). */
    private static void onlineRow(float[] s, int so, int ck, int limit, BiasRows[] rows, int row, int j0,
                                  double[] m, double[] l, int r, float[] o, int oo, int ev) {
        double mx = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < limit; c++) {
            double x = s[so + c];
            for (BiasRows b : rows) x += b.bias.at(b.rowOffset[row] + (j0 + c) * b.colStride);
            s[so + c] = (float) x;
            if (x > mx) mx = x;
        }
        if (Math.max(limit, 0) < ck) Arrays.fill(s, so + Math.max(limit, 0), so + ck, 0f);
        if (mx == Double.NEGATIVE_INFINITY) { // nothing visible in this block
            Arrays.fill(s, so, so + Math.max(limit, 0), 0f);
            return;
        }
        double mNew = Math.max(m[r], mx);
        double corr = Math.exp(m[r] - mNew); // 0 when m was −∞
        double sum = 0;
        for (int c = 0; c < limit; c++) {
            float p = (float) Math.exp(s[so + c] - mNew);
            s[so + c] = p;
            sum += p;
        }
        if (corr != 1.0) for (int c = 0; c < ev; c++) o[oo + c] *= (float) corr;
        l[r] = l[r] * corr + sum;
        m[r] = mNew;
    }

    private static int[] lead(Tensor t) { return Arrays.copyOf(t.shapeRef(), t.rank() - 2); }

    private static int[] with(int[] batch, int r, int c) {
        int[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = r;
        s[batch.length + 1] = c;
        return s;
    }

    /** A (…, rows, cols) operand as GEMM sees it: storage, per-batch offsets, transpose flag, strides. */
    private static final class Mat {
        final float[] data;
        final int[] off;
        final boolean trans;
        final int ld;    // GEMM leading dimension as stored
        final int ldRow; // storage step from one logical row to the next

        private Mat(float[] data, int[] off, boolean trans, int ld, int ldRow) {
            this.data = data;
            this.off = off;
            this.trans = trans;
            this.ld = ld;
            this.ldRow = ldRow;
        }

        static Mat of(Tensor x, int[] batch) {
            int rows = x.size(-2), cols = x.size(-1);
            Tensor e = x.detach().expand(with(batch, rows, cols));
            int r = e.rank();
            int[] st = e.strides();
            boolean trans;
            if (st[r - 1] == 1 && (st[r - 2] >= cols || rows == 1)) {
                trans = false;
            } else if (st[r - 2] == 1 && (st[r - 1] >= rows || cols == 1)) {
                trans = true;
            } else {
                e = e.contiguousNoGrad();
                st = e.strides();
                trans = false;
            }
            int ldRow = trans ? 1 : Math.max(st[r - 2], 1);
            int ld = trans ? Math.max(st[r - 1], 1) : Math.max(rows == 1 ? cols : st[r - 2], 1);
            if (!trans && rows == 1) ldRow = ld;
            StridedIndex it = new StridedIndex(batch, Arrays.copyOf(st, batch.length), e.offset());
            int nb = Shapes.numel(batch);
            int[] off = new int[nb];
            for (int i = 0; i < nb; i++) off[i] = it.next();
            return new Mat(e.dataF(), off, trans, ld, ldRow);
        }
    }
}
