package io.seqlearn.nn.rnn;

import io.seqlearn.backend.Backend;
import jdk.incubator.vector.FloatVector;

import static io.seqlearn.nn.rnn.FastCells.load;

/**
 * The F32 reverse-time loop of one layer direction (no projection). Each step has two phases:
 * <ol>
 *   <li>per block of 16 hidden units: dh = (dG_{t+1}·W_hh) ⊙ mask + direct + dY, then the cell's pointwise
 *       backward writes dG in place of the saved gates and into a step buffer in unit-block order;</li>
 *   <li>per block of 16 columns of h: dG·W_hh with {@link TileKernel} over a panel packed once
 *       ({@link PackedWeights#backward}).</li>
 * </ol>
 * "direct" holds what reaches h_{t−1} without W_hh: the final-state gradient until a sequence's last step
 * and GRU's dh·z. With enough rows each thread runs both phases of every step for its own group of batch
 * rows ({@link RowGroups}, no barrier); otherwise {@link StepScheduler} spreads each phase's blocks.
 * On return, {@code dhRun} and {@code dc} hold dL/dh0 and dL/dc0 in running-row order.
 */
final class FastDirectionBackward {
    private final StepPlan plan;
    private final Backend be;
    private final CellKind kind;
    private final SavedDirection sv;
    private final PackedWeights pw;
    private final int hidden;
    private final int batch;
    private final int dirOffset;
    private final int yWidth;
    private final boolean reverse;
    private final int threads;
    private final int[] groups;
    /** Within a row group: tile by tile (small W_hh) or unit block by unit block (see RowGroups). */
    private final boolean tileByTile;
    private final int kb;
    private final int hp;
    private final float[] mask;
    private final float[] direct;
    private final float[] gemm;
    private final float[] dgs;
    private final float[] dc;
    private final int[] tb;
    private float[] dy;

    FastDirectionBackward(ForwardPass fp, int layerDir, int dir, Buf whh, Buf mask, Buf dhRun, Buf dc, Tuning tuning) {
        this.plan = fp.plan;
        this.be = fp.backend;
        this.kind = fp.spec.kind();
        this.sv = fp.saved[layerDir];
        this.hidden = fp.spec.hiddenSize();
        this.batch = plan.batch();
        this.dirOffset = dir * hidden;
        this.yWidth = fp.spec.dirs() * hidden;
        this.reverse = dir == 1;
        this.pw = new PackedWeights(whh.f(), kind.gates(), hidden, hidden, true);
        this.kb = pw.backwardK();
        this.hp = pw.colBlocks * TileKernel.NR;
        this.threads = StepScheduler.threadsFor(be, 2.0 * batch * kind.gates() * hidden * hidden,
                tuning.minFlopsPerThread());
        this.groups = RowGroups.split(plan, threads, tuning.minRowsPerThread());
        this.tileByTile = RowGroups.tileByTile(pw, tuning);
        this.mask = mask == null ? null : mask.f();
        this.direct = dhRun.f().clone();
        this.gemm = new float[batch * hp];
        this.dgs = new float[batch * kb];
        this.dc = dc == null ? null : dc.f();
        this.tb = new int[plan.steps() * batch];
        int[] rows = new int[batch];
        for (int s = 0; s < plan.steps(); s++) System.arraycopy(rows, 0, tb, s * batch, plan.rows(s, reverse, rows));
    }

    /** Runs all steps backwards; writes dL/dh0 rows into {@code dhRun}. {@code dyBuf} may be null. */
    void run(Buf dyBuf, Buf dhRun) {
        this.dy = dyBuf == null ? null : dyBuf.f();
        int steps = plan.steps();
        if (groups != null) {
            RowGroups.walk(be, plan, groups, tileByTile, 0, steps, true, (s, w, r0, r1) -> {
                for (int ub = 0; ub < pw.unitBlocks; ub++) unitBlock(s, ub, r0, r1);
                int cb = 0;
                for (; cb + 2 <= pw.colBlocks; cb += 2) columnBlockPair(s, cb, r0, r1);
                if (cb < pw.colBlocks) columnBlock(s, cb, r0, r1);
            });
        } else {
            StepScheduler.run(be, threads, 0, 2 * steps,
                    seq -> (seq & 1) == 0 ? pw.unitBlocks : pw.colBlocks,
                    (seq, item, worker) -> {
                        int s = steps - 1 - (seq >> 1);
                        if ((seq & 1) == 0) unitBlock(s, item, 0, batch); else columnBlock(s, item, 0, batch);
                    });
        }
        float[] out = dhRun.f();
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < hidden; j++) {
                float m = mask == null ? 1f : mask[r * hidden + j];
                out[r * hidden + j] = gemm[r * hp + j] * m + direct[r * hidden + j];
            }
        }
    }

    /** Columns block cb of dG·W_hh for running rows [lo, hi) of step s. */
    private void columnBlock(int s, int cb, int lo, int hi) {
        int n = Math.min(plan.active(s), hi);
        for (int r0 = lo; r0 < n; r0 += TileKernel.MR) {
            int rows = Math.min(TileKernel.MR, n - r0);
            TileKernel.tile(rows, dgs, r0 * kb, kb, pw.backward, pw.backwardPanel(cb), kb, gemm,
                    r0 * hp + cb * TileKernel.NR, hp);
        }
    }

    /** Column blocks cb and cb+1 of dG·W_hh for running rows [lo, hi) of step s, in one pass per tile. */
    private void columnBlockPair(int s, int cb, int lo, int hi) {
        int n = Math.min(plan.active(s), hi);
        for (int r0 = lo; r0 < n; r0 += TileKernel.MR) {
            int rows = Math.min(TileKernel.MR, n - r0);
            TileKernel.tilePair(rows, dgs, r0 * kb, kb, pw.backward, pw.backwardPanel(cb), pw.backwardPanel(cb + 1), kb,
                    gemm, r0 * hp + cb * TileKernel.NR, r0 * hp + (cb + 1) * TileKernel.NR, hp);
        }
    }

    /** Unit block ub of step s for running rows [lo, hi): dh, then the cell's pointwise backward. */
    private void unitBlock(int s, int ub, int lo, int hi) {
        int n = Math.min(plan.active(s), hi), j0 = ub * TileKernel.NR;
        for (int r = lo; r < n; r++) {
            int row = tb[s * batch + r];
            if (j0 + TileKernel.NR <= hidden) {
                for (int v = 0; v < TileKernel.NR; v += FastCells.L) vector(r, row, ub, j0 + v);
            } else {
                for (int j = j0; j < hidden; j++) scalar(r, row, ub, j);
            }
        }
    }

    /**
     * Units [j, j+L) of row r (L = 8 or 16 lanes). Each piece reads and writes arrays only (no vector crosses a call,
     * which C2 would box when it does not inline): first dh replaces direct[r, j..], then the cell's
     * backward consumes it and leaves the new direct part (0, or dh·z for GRU).
     */
    private void vector(int r, int row, int ub, int j) {
        int p = r * hidden + j;
        gatherDh(r, row, j, p);
        switch (kind) {
            case LSTM -> lstm(r, row, ub, j, p);
            case GRU -> gru(r, row, ub, j, p);
            default -> rnn(r, row, ub, j, p);
        }
    }

    /** direct[p..] ← (running dG·W_hh) ⊙ mask + direct + this step's output gradient. */
    private void gatherDh(int r, int row, int j, int p) {
        FloatVector d = load(gemm, r * hp + j);
        if (mask != null) d = d.mul(load(mask, p));
        d = d.add(load(direct, p));
        if (dy != null) d = d.add(load(dy, row * yWidth + dirOffset + j));
        d.intoArray(direct, p);
    }

    private void lstm(int r, int row, int ub, int j, int p) {
        float[] g = sv.gates.f();
        int h = hidden, gp = row * 4 * h + j, sp = row * h + j, dp = r * kb + ub * 4 * TileKernel.NR + j - ub * TileKernel.NR;
        FloatVector d = load(direct, p), one = FastCells.one();
        FloatVector i = load(g, gp), f = load(g, gp + h), c = load(g, gp + 2 * h), o = load(g, gp + 3 * h);
        FloatVector tc = load(sv.tanhC.f(), sp);
        FloatVector dct = load(dc, p).add(d.mul(o).mul(one.sub(tc.mul(tc))));
        FloatVector dO = d.mul(tc).mul(o).mul(one.sub(o));
        FloatVector dI = dct.mul(c).mul(i).mul(one.sub(i));
        FloatVector dG = dct.mul(i).mul(one.sub(c.mul(c)));
        FloatVector dF = dct.mul(load(sv.cPrev.f(), sp)).mul(f).mul(one.sub(f));
        dct.mul(f).intoArray(dc, p);
        dI.intoArray(g, gp);
        dF.intoArray(g, gp + h);
        dG.intoArray(g, gp + 2 * h);
        dO.intoArray(g, gp + 3 * h);
        dI.intoArray(dgs, dp);
        dF.intoArray(dgs, dp + TileKernel.NR);
        dG.intoArray(dgs, dp + 2 * TileKernel.NR);
        dO.intoArray(dgs, dp + 3 * TileKernel.NR);
        java.util.Arrays.fill(direct, p, p + FastCells.L, 0f);
    }

    private void gru(int r, int row, int ub, int j, int p) {
        float[] g = sv.gates.f();
        int h = hidden, gp = row * 4 * h + j, dp = r * kb + ub * 3 * TileKernel.NR + j - ub * TileKernel.NR;
        FloatVector d = load(direct, p), one = FastCells.one();
        FloatVector rg = load(g, gp), zg = load(g, gp + h), ng = load(g, gp + 2 * h), hn = load(g, gp + 3 * h);
        FloatVector dn = d.mul(one.sub(zg)).mul(one.sub(ng.mul(ng)));
        FloatVector dz = d.mul(load(sv.hPrev.f(), row * h + j).sub(ng)).mul(zg).mul(one.sub(zg));
        FloatVector dr = dn.mul(hn).mul(rg).mul(one.sub(rg));
        FloatVector dhn = dn.mul(rg);
        d.mul(zg).intoArray(direct, p);
        dr.intoArray(g, gp);
        dz.intoArray(g, gp + h);
        dn.intoArray(g, gp + 2 * h);
        dhn.intoArray(g, gp + 3 * h);
        dr.intoArray(dgs, dp);
        dz.intoArray(dgs, dp + TileKernel.NR);
        dhn.intoArray(dgs, dp + 2 * TileKernel.NR);
    }

    private void rnn(int r, int row, int ub, int j, int p) {
        float[] g = sv.gates.f();
        int gp = row * hidden + j, dp = r * kb + ub * TileKernel.NR + j - ub * TileKernel.NR;
        FloatVector d = load(direct, p), y = load(g, gp);
        FloatVector da = kind == CellKind.RNN_RELU
                ? d.blend(0f, y.compare(jdk.incubator.vector.VectorOperators.LE, 0f))
                : d.mul(FastCells.one().sub(y.mul(y)));
        da.intoArray(g, gp);
        da.intoArray(dgs, dp);
        java.util.Arrays.fill(direct, p, p + FastCells.L, 0f);
    }

    /** One unit of the last, partial block: the same math in scalar form. */
    private void scalar(int r, int row, int ub, int j) {
        float[] g = sv.gates.f();
        int h = hidden, u = j - ub * TileKernel.NR, nr = TileKernel.NR;
        float d = gemm[r * hp + j] * (mask == null ? 1f : mask[r * h + j]) + direct[r * h + j]
                + (dy == null ? 0f : dy[row * yWidth + dirOffset + j]);
        switch (kind) {
            case LSTM -> {
                int gp = row * 4 * h, sp = row * h, dp = r * kb + ub * 4 * nr + u;
                float i = g[gp + j], f = g[gp + h + j], c = g[gp + 2 * h + j], o = g[gp + 3 * h + j];
                float tc = sv.tanhC.f()[sp + j];
                float dct = dc[r * h + j] + d * o * (1 - tc * tc);
                float[] v = {dct * c * i * (1 - i), dct * sv.cPrev.f()[sp + j] * f * (1 - f), dct * i * (1 - c * c),
                        d * tc * o * (1 - o)};
                dc[r * h + j] = dct * f;
                for (int q = 0; q < 4; q++) {
                    g[gp + q * h + j] = v[q];
                    dgs[dp + q * nr] = v[q];
                }
                direct[r * h + j] = 0f;
            }
            case GRU -> {
                int gp = row * 4 * h, dp = r * kb + ub * 3 * nr + u;
                float rg = g[gp + j], zg = g[gp + h + j], ng = g[gp + 2 * h + j], hn = g[gp + 3 * h + j];
                float dn = d * (1 - zg) * (1 - ng * ng);
                float dz = d * (sv.hPrev.f()[row * h + j] - ng) * zg * (1 - zg);
                float dr = dn * hn * rg * (1 - rg);
                direct[r * h + j] = d * zg;
                g[gp + j] = dr;
                g[gp + h + j] = dz;
                g[gp + 2 * h + j] = dn;
                g[gp + 3 * h + j] = dn * rg;
                dgs[dp] = dr;
                dgs[dp + nr] = dz;
                dgs[dp + 2 * nr] = dn * rg;
            }
            default -> {
                int gp = row * h, dp = r * kb + ub * nr + u;
                float y = g[gp + j];
                float da = kind == CellKind.RNN_RELU ? (y > 0 ? d : 0f) : d * (1 - y * y);
                g[gp + j] = da;
                dgs[dp] = da;
                direct[r * h + j] = 0f;
            }
        }
    }
}
