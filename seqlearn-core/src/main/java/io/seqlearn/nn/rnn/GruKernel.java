package io.seqlearn.nn.rnn;

/**
 * GRU step as PyTorch (and Keras {@code reset_after=True}): the reset gate multiplies the recurrent
 * projection after the matmul,
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),   h' = (1 − z) ⊙ n + z ⊙ h  (computed as n + z(h − n))
 * </pre>
 * The input projection row holds W_i· x + b_i· plus b_hr, b_hz (b_hn stays inside r ⊙ (…)). Saved per
 * (t, b): r, z, n and hn = W_hn h + b_hn. Backward writes dG = [da_r, da_z, da_n, da_n·r]: the first
 * three are the input-side gradients, [da_r, da_z, da_n·r] the recurrent side.
 */
final class GruKernel implements CellKernel {
    static final GruKernel INSTANCE = new GruKernel();

    private GruKernel() {}

    @Override
    public void forward(StepArgs a, int r0, int r1) {
        if (a.g.isF32()) forwardF(a, r0, r1); else forwardD(a, r0, r1);
    }

    @Override
    public void backward(StepArgs a, int r0, int r1) {
        if (a.g.isF32()) backwardF(a, r0, r1); else backwardD(a, r0, r1);
    }

    private static void forwardF(StepArgs a, int r0, int r1) {
        final int h = a.hidden;
        float[] g = a.g.f(), rec = a.rec.f(), out = a.hOut.f(), bhn = a.bhn == null ? null : a.bhn.f();
        for (int r = r0; r < r1; r++) {
            int gp = a.gRow[r] * a.gWidth, rp = r * 3 * h, sp = r * h;
            for (int j = 0; j < h; j++) {
                float rg = LstmKernel.sigmoid(g[gp + j] + rec[rp + j]);
                float zg = LstmKernel.sigmoid(g[gp + h + j] + rec[rp + h + j]);
                float hn = rec[rp + 2 * h + j] + (bhn == null ? 0f : bhn[a.bhnOff + j]);
                float ng = (float) Math.tanh(g[gp + 2 * h + j] + rg * hn);
                float hp = out[sp + j];
                out[sp + j] = (hp - ng) * zg + ng;
                if (a.save) {
                    g[gp + j] = rg;
                    g[gp + h + j] = zg;
                    g[gp + 2 * h + j] = ng;
                    g[gp + 3 * h + j] = hn;
                }
            }
        }
    }

    private static void forwardD(StepArgs a, int r0, int r1) {
        final int h = a.hidden;
        double[] g = a.g.d(), rec = a.rec.d(), out = a.hOut.d(), bhn = a.bhn == null ? null : a.bhn.d();
        for (int r = r0; r < r1; r++) {
            int gp = a.gRow[r] * a.gWidth, rp = r * 3 * h, sp = r * h;
            for (int j = 0; j < h; j++) {
                double rg = LstmKernel.sigmoid(g[gp + j] + rec[rp + j]);
                double zg = LstmKernel.sigmoid(g[gp + h + j] + rec[rp + h + j]);
                double hn = rec[rp + 2 * h + j] + (bhn == null ? 0.0 : bhn[a.bhnOff + j]);
                double ng = Math.tanh(g[gp + 2 * h + j] + rg * hn);
                double hp = out[sp + j];
                out[sp + j] = (hp - ng) * zg + ng;
                if (a.save) {
                    g[gp + j] = rg;
                    g[gp + h + j] = zg;
                    g[gp + 2 * h + j] = ng;
                    g[gp + 3 * h + j] = hn;
                }
            }
        }
    }

    private static void backwardF(StepArgs a, int r0, int r1) {
        final int h = a.hidden;
        float[] g = a.g.f(), hprev = a.hPrev.f(), dh = a.dh.f(), dgs = a.dgs.f(), next = a.dhNext.f();
        for (int r = r0; r < r1; r++) {
            int tb = a.tb[r], gp = tb * 4 * h, sp = tb * h, rp = r * h, dp = r * 3 * h;
            for (int j = 0; j < h; j++) {
                float rg = g[gp + j], zg = g[gp + h + j], ng = g[gp + 2 * h + j], hn = g[gp + 3 * h + j];
                float d = dh[rp + j];
                float dn = d * (1 - zg) * (1 - ng * ng);
                float dz = d * (hprev[sp + j] - ng) * zg * (1 - zg);
                float dr = dn * hn * rg * (1 - rg);
                float dhn = dn * rg;
                next[rp + j] = d * zg;
                g[gp + j] = dr;
                g[gp + h + j] = dz;
                g[gp + 2 * h + j] = dn;
                g[gp + 3 * h + j] = dhn;
                dgs[dp + j] = dr;
                dgs[dp + h + j] = dz;
                dgs[dp + 2 * h + j] = dhn;
            }
        }
    }

    private static void backwardD(StepArgs a, int r0, int r1) {
        final int h = a.hidden;
        double[] g = a.g.d(), hprev = a.hPrev.d(), dh = a.dh.d(), dgs = a.dgs.d(), next = a.dhNext.d();
        for (int r = r0; r < r1; r++) {
            int tb = a.tb[r], gp = tb * 4 * h, sp = tb * h, rp = r * h, dp = r * 3 * h;
            for (int j = 0; j < h; j++) {
                double rg = g[gp + j], zg = g[gp + h + j], ng = g[gp + 2 * h + j], hn = g[gp + 3 * h + j];
                double d = dh[rp + j];
                double dn = d * (1 - zg) * (1 - ng * ng);
                double dz = d * (hprev[sp + j] - ng) * zg * (1 - zg);
                double dr = dn * hn * rg * (1 - rg);
                double dhn = dn * rg;
                next[rp + j] = d * zg;
                g[gp + j] = dr;
                g[gp + h + j] = dz;
                g[gp + 2 * h + j] = dn;
                g[gp + 3 * h + j] = dhn;
                dgs[dp + j] = dr;
                dgs[dp + h + j] = dz;
                dgs[dp + 2 * h + j] = dhn;
            }
        }
    }
}
