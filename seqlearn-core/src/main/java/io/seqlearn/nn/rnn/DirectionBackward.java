package io.seqlearn.nn.rnn;

import io.seqlearn.backend.Backend;

/**
 * Backward of one layer direction: walks the steps in reverse with running dh/dc in length-sorted row order
 * (a sequence's final-state gradient waits, untouched, until its own last step), then turns the dG rows
 * into parameter and input gradients with whole-sequence GEMMs.
 */
final class DirectionBackward {
    final int layerDir;
    private final ForwardPass fp;
    private final StepPlan plan;
    private final Backend be;
    private final CellKind kind;
    private final SavedDirection sv;
    private final boolean reverse;
    private final int dir;
    private final int in;
    private final int hidden;
    private final int out;
    private final int gates;
    private final int width;
    private final Buf wih;
    private final Buf whh;
    private final Buf whr;
    private final boolean bias;
    private final Buf mask;
    private final Buf dhRun;
    private final StepArgs a = new StepArgs();

    DirectionBackward(ForwardPass fp, int l, int d, Buf dhN, Buf dcN) {
        RecurrentSpec spec = fp.spec;
        this.fp = fp;
        this.plan = fp.plan;
        this.be = fp.backend;
        this.kind = spec.kind();
        this.layerDir = l * spec.dirs() + d;
        this.sv = fp.saved[layerDir];
        this.reverse = d == 1;
        this.dir = d;
        this.in = spec.layerInput(l);
        this.hidden = spec.hiddenSize();
        this.out = spec.outSize();
        this.gates = spec.gateRows();
        this.width = kind.savedWidth() * hidden;
        DirectionWeights w = fp.weights[layerDir];
        this.wih = DirectionWeights.raw(w.weightIh());
        this.whh = DirectionWeights.raw(w.weightHh());
        this.whr = DirectionWeights.raw(w.weightHr());
        this.bias = w.biasIh() != null;
        int b = plan.batch();
        this.mask = sortedRows(fp.masks.recurrent(layerDir), out);
        this.dhRun = sortedRows(dhN, out, layerDir);
        a.hidden = hidden;
        a.tb = new int[b];
        a.g = sv.gates;
        a.gWidth = width;
        a.tanhC = sv.tanhC;
        a.cPrev = sv.cPrev;
        a.hPrev = sv.hPrev;
        a.dgs = Buf.zeros(fp.dtype, b * gates);
        a.dc = kind.isLstm() ? sortedRows(dcN, hidden, layerDir) : null;
        a.dhNext = dhRun;
        a.dh = Buf.zeros(fp.dtype, b * (whr != null ? hidden : out));
    }

    private Buf sortedRows(Buf src, int w) {
        if (src == null) return null;
        Buf dst = Buf.zeros(src.dtype(), plan.batch() * w);
        for (int r = 0; r < plan.batch(); r++) src.copyTo(plan.batchOf(r) * w, dst, r * w, w);
        return dst;
    }

    /** Rows of layer direction {@code ld} of an (L·D, B, w) buffer in running order; zeros when src is null. */
    private Buf sortedRows(Buf src, int w, int ld) {
        int b = plan.batch();
        Buf dst = Buf.zeros(fp.dtype, b * w);
        if (src != null) for (int r = 0; r < b; r++) src.copyTo((ld * b + plan.batchOf(r)) * w, dst, r * w, w);
        return dst;
    }

    /**
     * Runs the reverse-time loop and the weight GEMMs. {@code dy} (T·B, D·Hr) may be null; {@code dx}
     * (T·B, I_l) accumulates dG·W_ih when non-null. Writes this direction's rows of dh0/dc0.
     */
    DirectionGrads run(Buf dy, Buf x, Buf dx, Buf dh0, Buf dc0) {
        Buf dhTotal = whr != null ? Buf.zeros(fp.dtype, plan.batch() * out) : a.dh;
        Buf dHidden = whr != null ? Buf.zeros(fp.dtype, plan.time() * plan.batch() * out) : null;
        if (fp.tuning.fast(fp.spec, fp.dtype)) {
            new FastDirectionBackward(fp, layerDir, dir, whh, mask, dhRun, a.dc, fp.tuning).run(dy, dhRun);
        } else {
            referenceSteps(dy, dhTotal, dHidden);
        }
        plan.zeroPaddingRows(sv.gates, width);   // padding rows still hold input projections: keep them out of the GEMMs
        int b = plan.batch();
        for (int r = 0; r < b; r++) {
            dhRun.copyTo(r * out, dh0, (layerDir * b + plan.batchOf(r)) * out, out);
            if (dc0 != null) a.dc.copyTo(r * hidden, dc0, (layerDir * b + plan.batchOf(r)) * hidden, hidden);
        }
        DirectionGrads g = weightGrads(x, dHidden);
        if (dx != null) {
            int inGates = kind == CellKind.GRU ? 3 * hidden : gates;
            Buf.gemm(be, false, false, plan.time() * b, in, inGates, sv.gates, 0, width, wih, 0, in, 1, dx, 0, in);
        }
        sv.release();
        return g;
    }

    /** The plain reverse-time loop: per step the kernel and one backend GEMM (plus the projection's). */
    private void referenceSteps(Buf dy, Buf dhTotal, Buf dHidden) {
        Buf tmp = kind == CellKind.GRU && mask != null ? Buf.zeros(fp.dtype, plan.batch() * out) : null;
        for (int s = plan.steps() - 1; s >= 0; s--) {
            int n = plan.rows(s, reverse, a.tb);
            gatherOutputGrad(dy, dhTotal, n);
            if (whr != null) {
                for (int r = 0; r < n; r++) dhTotal.copyTo(r * out, dHidden, a.tb[r] * out, out);
                Buf.gemm(be, false, false, n, hidden, out, dhTotal, 0, out, whr, 0, hidden, 0, a.dh, 0, hidden);
            }
            CellKernel.of(kind).backward(a, 0, n);
            recurrentGrad(n, tmp);
        }
    }

    /** dh for the kernel = running dh (from later steps and the final state) + this step's output gradient. */
    private void gatherOutputGrad(Buf dy, Buf dst, int n) {
        int yw = fp.spec.dirs() * out;
        for (int r = 0; r < n; r++) {
            if (dy != null) Buf.add(dhRun, r * out, dy, a.tb[r] * yw + dir * out, dst, r * out, out);
            else dhRun.copyTo(r * out, dst, r * out, out);
        }
    }

    /** dh_{t−1} = (dG_rec · W_hh) ⊙ mask (+ dh·z, already written by the GRU kernel). */
    private void recurrentGrad(int n, Buf tmp) {
        if (kind == CellKind.GRU) {
            if (mask == null) {
                Buf.gemm(be, false, false, n, out, gates, a.dgs, 0, gates, whh, 0, out, 1, dhRun, 0, out);
            } else {
                Buf.gemm(be, false, false, n, out, gates, a.dgs, 0, gates, whh, 0, out, 0, tmp, 0, out);
                Buf.addMul(tmp, 0, mask, 0, dhRun, 0, n * out);
            }
        } else {
            Buf.gemm(be, false, false, n, out, gates, a.dgs, 0, gates, whh, 0, out, 0, dhRun, 0, out);
            if (mask != null) Buf.mul(dhRun, 0, mask, 0, dhRun, 0, n * out);
        }
    }

    private DirectionGrads weightGrads(Buf x, Buf dHidden) {
        int rows = plan.time() * plan.batch(), h = hidden;
        Buf g = sv.gates;
        Buf dWih = Buf.zeros(fp.dtype, gates * in), dWhh = Buf.zeros(fp.dtype, gates * out);
        Buf dbih = bias ? Buf.zeros(fp.dtype, gates) : null, dbhh = bias ? Buf.zeros(fp.dtype, gates) : null;
        int inGates = kind == CellKind.GRU ? 3 * h : gates;
        Buf.gemm(be, true, false, inGates, in, rows, g, 0, width, x, 0, in, 0, dWih, 0, in);
        if (bias) g.columnSumsInto(0, rows, inGates, width, dbih, 0);
        Buf hp = maskedPrev(rows);
        if (kind == CellKind.GRU) {
            // Recurrent-side dG of GRU is [da_r, da_z, da_n·r]: columns [0, 2H) and [3H, 4H).
            Buf.gemm(be, true, false, 2 * h, out, rows, g, 0, width, hp, 0, out, 0, dWhh, 0, out);
            Buf.gemm(be, true, false, h, out, rows, g, 3 * h, width, hp, 0, out, 0, dWhh, 2 * h * out, out);
            if (bias) {   // columns [0, 2H) of dG are summed for b_ih already
                dbih.copyTo(0, dbhh, 0, 2 * h);
                g.columnSumsInto(3 * h, rows, h, width, dbhh, 2 * h);
            }
        } else {
            Buf.gemm(be, true, false, gates, out, rows, g, 0, width, hp, 0, out, 0, dWhh, 0, out);
            if (bias) dbih.copyTo(0, dbhh, 0, gates);   // both biases enter every gate alike: same sums
        }
        Buf dWhr = null;
        if (whr != null) {
            dWhr = Buf.zeros(fp.dtype, out * h);
            Buf.gemm(be, true, false, out, h, rows, dHidden, 0, out, sv.hRaw, 0, h, 0, dWhr, 0, h);
        }
        return new DirectionGrads(dWih, dWhh, dbih, dbhh, dWhr);
    }

    /** h_{t−1} as it entered W_hh: with recurrent dropout, each batch row times its mask. */
    private Buf maskedPrev(int rows) {
        Buf raw = fp.masks.recurrent(layerDir);
        if (raw == null) return sv.hPrev;
        Buf hp = Buf.zeros(fp.dtype, rows * out);
        int b = plan.batch();
        for (int tb = 0; tb < rows; tb++) Buf.mul(sv.hPrev, tb * out, raw, (tb % b) * out, hp, tb * out, out);
        return hp;
    }
}
