package io.seqlearn.nn.rnn;

/**
 * LSTM step, PyTorch gate order i, f, g, o:
 * <pre>
 *   i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o)      a = W_ih x + b_ih + W_hh h + b_hh
 *   c' = f ⊙ c + i ⊙ g,   h' = o ⊙ tanh(c')
 * </pre>
 * Saved per (t, b): i, f, g, o (in place of the pre-activations), tanh(c'); the orchestration saves c.
 * Backward, with dc̃ = dc' + dh'·o·(1 − tanh²c'):
 * <pre>
 *   da_o = dh'·tanh(c')·o(1−o),  da_i = dc̃·g·i(1−i),  da_g = dc̃·i·(1−g²),  da_f = dc̃·c·f(1−f),  dc = dc̃·f
 * </pre>
 */
final class LstmKernel implements CellKernel {
    static final LstmKernel INSTANCE = new LstmKernel();

    private LstmKernel() {}

    @Override
    public void forward(StepArgs a, int r0, int r1) {
        if (a.g.isF32()) forwardF(a, r0, r1); else forwardD(a, r0, r1);
    }

    @Override
    public void backward(StepArgs a, int r0, int r1) {
        if (a.g.isF32()) backwardF(a, r0, r1); else backwardD(a, r0, r1);
    }

    static float sigmoid(float x) { return (float) (1.0 / (1.0 + Math.exp(-x))); }

    static double sigmoid(double x) { return 1.0 / (1.0 + Math.exp(-x)); }

    private static void forwardF(StepArgs a, int r0, int r1) {
        final int h = a.hidden;
        float[] g = a.g.f(), rec = a.rec.f(), c = a.c.f(), out = a.hOut.f();
        float[] tc = a.save ? a.tanhC.f() : null;
        for (int r = r0; r < r1; r++) {
            int gp = a.gRow[r] * a.gWidth, rp = r * 4 * h, sp = r * h;
            for (int j = 0; j < h; j++) {
                float ig = sigmoid(g[gp + j] + rec[rp + j]);
                float fg = sigmoid(g[gp + h + j] + rec[rp + h + j]);
                float gg = (float) Math.tanh(g[gp + 2 * h + j] + rec[rp + 2 * h + j]);
                float og = sigmoid(g[gp + 3 * h + j] + rec[rp + 3 * h + j]);
                float cn = fg * c[sp + j] + ig * gg;
                float tcn = (float) Math.tanh(cn);
                c[sp + j] = cn;
                out[sp + j] = og * tcn;
                if (tc != null) {
                    g[gp + j] = ig;
                    g[gp + h + j] = fg;
                    g[gp + 2 * h + j] = gg;
                    g[gp + 3 * h + j] = og;
                    tc[a.tb[r] * h + j] = tcn;
                }
            }
        }
    }

    private static void forwardD(StepArgs a, int r0, int r1) {
        final int h = a.hidden;
        double[] g = a.g.d(), rec = a.rec.d(), c = a.c.d(), out = a.hOut.d();
        double[] tc = a.save ? a.tanhC.d() : null;
        for (int r = r0; r < r1; r++) {
            int gp = a.gRow[r] * a.gWidth, rp = r * 4 * h, sp = r * h;
            for (int j = 0; j < h; j++) {
                double ig = sigmoid(g[gp + j] + rec[rp + j]);
                double fg = sigmoid(g[gp + h + j] + rec[rp + h + j]);
                double gg = Math.tanh(g[gp + 2 * h + j] + rec[rp + 2 * h + j]);
                double og = sigmoid(g[gp + 3 * h + j] + rec[rp + 3 * h + j]);
                double cn = fg * c[sp + j] + ig * gg;
                double tcn = Math.tanh(cn);
                c[sp + j] = cn;
                out[sp + j] = og * tcn;
                if (tc != null) {
                    g[gp + j] = ig;
                    g[gp + h + j] = fg;
                    g[gp + 2 * h + j] = gg;
                    g[gp + 3 * h + j] = og;
                    tc[a.tb[r] * h + j] = tcn;
                }
            }
        }
    }

    private static void backwardF(StepArgs a, int r0, int r1) {
        final int h = a.hidden;
        float[] g = a.g.f(), tc = a.tanhC.f(), cp = a.cPrev.f(), dh = a.dh.f(), dc = a.dc.f(), dgs = a.dgs.f();
        for (int r = r0; r < r1; r++) {
            int tb = a.tb[r], gp = tb * 4 * h, sp = tb * h, rp = r * h, dp = r * 4 * h;
            for (int j = 0; j < h; j++) {
                float ig = g[gp + j], fg = g[gp + h + j], gg = g[gp + 2 * h + j], og = g[gp + 3 * h + j];
                float t = tc[sp + j], d = dh[rp + j];
                float dct = dc[rp + j] + d * og * (1 - t * t);
                float dO = d * t * og * (1 - og);
                float dI = dct * gg * ig * (1 - ig);
                float dG = dct * ig * (1 - gg * gg);
                float dF = dct * cp[sp + j] * fg * (1 - fg);
                dc[rp + j] = dct * fg;
                g[gp + j] = dI;
                g[gp + h + j] = dF;
                g[gp + 2 * h + j] = dG;
                g[gp + 3 * h + j] = dO;
                dgs[dp + j] = dI;
                dgs[dp + h + j] = dF;
                dgs[dp + 2 * h + j] = dG;
                dgs[dp + 3 * h + j] = dO;
            }
        }
    }

    private static void backwardD(StepArgs a, int r0, int r1) {
        final int h = a.hidden;
        double[] g = a.g.d(), tc = a.tanhC.d(), cp = a.cPrev.d(), dh = a.dh.d(), dc = a.dc.d(), dgs = a.dgs.d();
        for (int r = r0; r < r1; r++) {
            int tb = a.tb[r], gp = tb * 4 * h, sp = tb * h, rp = r * h, dp = r * 4 * h;
            for (int j = 0; j < h; j++) {
                double ig = g[gp + j], fg = g[gp + h + j], gg = g[gp + 2 * h + j], og = g[gp + 3 * h + j];
                double t = tc[sp + j], d = dh[rp + j];
                double dct = dc[rp + j] + d * og * (1 - t * t);
                double dO = d * t * og * (1 - og);
                double dI = dct * gg * ig * (1 - ig);
                double dG = dct * ig * (1 - gg * gg);
                double dF = dct * cp[sp + j] * fg * (1 - fg);
                dc[rp + j] = dct * fg;
                g[gp + j] = dI;
                g[gp + h + j] = dF;
                g[gp + 2 * h + j] = dG;
                g[gp + 3 * h + j] = dO;
                dgs[dp + j] = dI;
                dgs[dp + h + j] = dF;
                dgs[dp + 2 * h + j] = dG;
                dgs[dp + 3 * h + j] = dO;
            }
        }
    }
}
