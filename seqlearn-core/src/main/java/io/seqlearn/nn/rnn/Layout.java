package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.Tensor;

/** Conversions between the user's layout (batch-first (B, T, W) or time-major (T, B, W)) and the kernels'. */
final class Layout {
    private Layout() {}

    /** A fresh time-major (T·B, W) copy of x, which is (B, T, W) when {@code batchFirst}, else (T, B, W). */
    static Buf timeMajor(Tensor x, boolean batchFirst) {
        int[] s = x.shapeRef();
        int t = batchFirst ? s[1] : s[0], b = batchFirst ? s[0] : s[1], w = s[2];
        Buf out = Buf.zeros(x.dtype(), t * b * w);
        Tensor src = batchFirst ? x.detach().transpose(0, 1) : x.detach();
        out.tensor(x.backend(), t, b, w).copyFrom(src);
        return out;
    }

    /** Copies time-major {@code src} (T·B, W) into {@code dst} at {@code off} in the user's layout. */
    static void fromTimeMajor(Buf src, Buf dst, int off, int t, int b, int w, boolean batchFirst) {
        if (!batchFirst) {
            src.copyTo(0, dst, off, t * b * w);
            return;
        }
        for (int ti = 0; ti < t; ti++) {
            for (int bi = 0; bi < b; bi++) src.copyTo((ti * b + bi) * w, dst, off + (bi * t + ti) * w, w);
        }
    }

    /** A fresh time-major copy of {@code src} at {@code off}, which is in the user's layout. */
    static Buf toTimeMajor(Buf src, int off, int t, int b, int w, boolean batchFirst) {
        Buf out = Buf.zeros(src.dtype(), t * b * w);
        if (!batchFirst) {
            src.copyTo(off, out, 0, t * b * w);
            return out;
        }
        for (int ti = 0; ti < t; ti++) {
            for (int bi = 0; bi < b; bi++) src.copyTo(off + (bi * t + ti) * w, out, (ti * b + bi) * w, w);
        }
        return out;
    }
}
