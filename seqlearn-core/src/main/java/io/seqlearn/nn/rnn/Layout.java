package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.Tensor;

/** Conversions between the user's layout (batch-first (B, T, W) or time-major (T, B, W)) and the kernels'. */
final class Layout {
    private Layout() {}

    /**
     * A private time-major (T·B, W) copy of x, which is (B, T, W) when {@code batchFirst}, else (T, B, W). Its
     * array may come from {@link ScratchPool}: hand it back ({@link Buf#recycle}) once nothing reads it.
     */
    static Buf timeMajor(Tensor x, boolean batchFirst) {
        int[] s = x.shapeRef();
        int t = batchFirst ? s[1] : s[0], b = batchFirst ? s[0] : s[1], w = s[2];
        Buf out = Buf.reused(x.dtype(), t * b * w);   // every element is copied in
        Tensor src = batchFirst ? x.detach().transpose(0, 1) : x.detach();
        out.tensor(x.backend(), t, b, w).copyFrom(src);
        return out;
    }

    /** Copies time-major {@code src} (T·B, W) into {@code dst} at {@code off} in the user's layout. */
    static void fromTimeMajor(Buf src, Buf dst, int off, int t, int b, int w, boolean batchFirst) {
        fromTimeMajorRows(src, dst, off, t, b, 0, b, w, batchFirst);
    }

    /**
     * Copies time-major {@code src} (T·bg, W), holding batch rows [b0, b0 + bg) of a batch of b, into those
     * rows of {@code dst} at {@code off} in the user's layout.
     */
    static void fromTimeMajorRows(Buf src, Buf dst, int off, int t, int b, int b0, int bg, int w, boolean batchFirst) {
        if (!batchFirst && b0 == 0 && bg == b) {
            src.copyTo(0, dst, off, t * b * w);
            return;
        }
        for (int ti = 0; ti < t; ti++) {
            for (int bi = 0; bi < bg; bi++) src.copyTo((ti * bg + bi) * w, dst, off + userRow(ti, b0 + bi, t, b, batchFirst) * w, w);
        }
    }

    /** A private time-major copy of {@code src} at {@code off}, which is in the user's layout (see timeMajor). */
    static Buf toTimeMajor(Buf src, int off, int t, int b, int w, boolean batchFirst) {
        return toTimeMajorRows(src, off, t, b, 0, b, w, batchFirst);
    }

    /** A private time-major (T·bg, W) copy of batch rows [b0, b0 + bg) of {@code src} (user layout, batch b; see timeMajor). */
    static Buf toTimeMajorRows(Buf src, int off, int t, int b, int b0, int bg, int w, boolean batchFirst) {
        Buf out = Buf.reused(src.dtype(), t * bg * w);   // every element is copied in
        if (!batchFirst && b0 == 0 && bg == b) {
            src.copyTo(off, out, 0, t * b * w);
            return out;
        }
        for (int ti = 0; ti < t; ti++) {
            for (int bi = 0; bi < bg; bi++) src.copyTo(off + userRow(ti, b0 + bi, t, b, batchFirst) * w, out, (ti * bg + bi) * w, w);
        }
        return out;
    }

    private static int userRow(int ti, int bi, int t, int b, boolean batchFirst) {
        return batchFirst ? bi * t + ti : ti * b + bi;
    }
}
