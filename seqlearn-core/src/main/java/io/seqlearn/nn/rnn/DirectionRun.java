package io.seqlearn.nn.rnn;

import io.seqlearn.backend.Backend;

/**
 * Forward state of one layer direction while {@link ForwardPass} walks time: the running h (and c) in
 * length-sorted row order, the per-step scratch, the weights as raw buffers, and (training) the
 * {@link SavedDirection}. One instance per layer direction per forward call.
 */
final class DirectionRun {
    final int layerDir;
    final SavedDirection saved;
    private final ForwardPass fp;
    private final StepPlan plan;
    private final Backend be;
    private final CellKernel kernel;
    private final boolean reverse;
    private final int dir;
    private final int in;
    private final int hidden;
    private final int out;
    private final int gates;
    private final Buf wih;
    private final Buf whh;
    private final Buf whr;
    private final Buf bias;
    private final Buf hRun;
    private final Buf hRaw;
    private final Buf mask;
    private final Buf masked;
    private final StepArgs a = new StepArgs();
    private Buf chunkInput;
    private int chunkStart;

    DirectionRun(ForwardPass fp, int l, int d) {
        RecurrentSpec spec = fp.spec;
        this.fp = fp;
        this.plan = fp.plan;
        this.be = fp.backend;
        this.kernel = CellKernel.of(spec.kind());
        this.layerDir = l * spec.dirs() + d;
        this.dir = d;
        this.reverse = d == 1;
        this.in = spec.layerInput(l);
        this.hidden = spec.hiddenSize();
        this.out = spec.outSize();
        this.gates = spec.gateRows();
        DirectionWeights w = fp.weights[layerDir];
        this.wih = DirectionWeights.raw(w.weightIh());
        this.whh = DirectionWeights.raw(w.weightHh());
        this.whr = DirectionWeights.raw(w.weightHr());
        this.bias = combinedBias(spec, DirectionWeights.raw(w.biasIh()), DirectionWeights.raw(w.biasHh()));
        int b = plan.batch();
        this.hRun = Buf.zeros(fp.dtype, b * out);
        this.hRaw = whr != null ? Buf.zeros(fp.dtype, b * hidden) : null;
        this.mask = sortedRows(fp.masks.recurrent(layerDir), out);
        this.masked = mask != null ? Buf.zeros(fp.dtype, b * out) : null;
        this.saved = fp.save ? new SavedDirection(spec, fp.dtype, plan.time() * b) : null;
        a.hidden = hidden;
        a.tb = new int[b];
        a.save = fp.save;
        a.rec = Buf.zeros(fp.dtype, b * gates);
        a.hOut = hRaw != null ? hRaw : hRun;
        a.c = spec.kind().isLstm() ? Buf.zeros(fp.dtype, b * hidden) : null;
        a.bhn = spec.kind() == CellKind.GRU ? DirectionWeights.raw(w.biasHh()) : null;
        a.bhnOff = 2 * hidden;
        a.tanhC = saved != null ? saved.tanhC : null;
        for (int r = 0; r < b; r++) {
            fp.initialState(layerDir, plan.batchOf(r), hRun, r * out, false);
            if (a.c != null) fp.initialState(layerDir, plan.batchOf(r), a.c, r * hidden, true);
        }
    }

    /**
     * The bias row added to every input projection: b_ih + b_hh, except GRU's b_hn, which must stay
     * inside r ⊙ (W_hn h + b_hn). Null without bias.
     */
    private static Buf combinedBias(RecurrentSpec spec, Buf bih, Buf bhh) {
        if (bih == null) return null;
        int g = spec.gateRows(), keep = spec.kind() == CellKind.GRU ? 2 * spec.hiddenSize() : g;
        Buf sum = Buf.zeros(bih.dtype(), g);
        bih.copyTo(0, sum, 0, g);
        Buf.add(sum, 0, bhh, 0, sum, 0, keep);
        return sum;
    }

    /** A (B, w) batch-ordered buffer permuted into running-row order (null stays null). */
    private Buf sortedRows(Buf src, int w) {
        if (src == null) return null;
        Buf dst = Buf.zeros(src.dtype(), plan.batch() * w);
        for (int r = 0; r < plan.batch(); r++) src.copyTo(plan.batchOf(r) * w, dst, r * w, w);
        return dst;
    }

    /** Training: G = X·W_ihᵀ + bias for all T·B rows at once, into the saved gate buffer. */
    void projectAll(Buf x) {
        int rows = plan.time() * plan.batch(), width = fp.spec.kind().savedWidth() * hidden;
        a.g = saved.gates;
        a.gWidth = width;
        a.gRow = a.tb;
        project(x, rows, width);
    }

    private void project(Buf x, int rows, int width) {
        if (bias != null) for (int r = 0; r < rows; r++) bias.copyTo(0, a.g, r * width, gates);
        Buf.gemm(be, false, true, rows, gates, in, x, 0, in, wih, 0, in, bias != null ? 1 : 0, a.g, 0, width);
    }

    /** Inference: scratch for the projections of {@code steps} steps at a time. */
    void allocateChunk(int steps) {
        int rows = steps * plan.batch();
        chunkInput = Buf.zeros(fp.dtype, rows * in);
        a.g = Buf.zeros(fp.dtype, rows * gates);
        a.gWidth = gates;
        a.gRow = new int[plan.batch()];
    }

    /** Inference: gathers the inputs the steps [s0, s1) will read, in step order, and projects them. */
    void projectChunk(Buf x, int s0, int s1) {
        int b = plan.batch();
        for (int s = s0; s < s1; s++) {
            int n = plan.rows(s, reverse, a.tb);
            for (int r = 0; r < n; r++) x.copyTo(a.tb[r] * in, chunkInput, ((s - s0) * b + r) * in, in);
        }
        chunkStart = s0;
        project(chunkInput, (s1 - s0) * b, gates);
    }

    /** One time step for the active rows; writes h into the layer output {@code y} (T·B, D·Hr). */
    void step(int s, Buf y) {
        int n = plan.rows(s, reverse, a.tb);
        int[] tb = a.tb;
        if (!fp.save) for (int r = 0; r < n; r++) a.gRow[r] = (s - chunkStart) * plan.batch() + r;
        if (saved != null) {
            for (int r = 0; r < n; r++) hRun.copyTo(r * out, saved.hPrev, tb[r] * out, out);
            if (a.c != null) for (int r = 0; r < n; r++) a.c.copyTo(r * hidden, saved.cPrev, tb[r] * hidden, hidden);
        }
        Buf h = hRun;
        if (mask != null) {
            Buf.mul(hRun, 0, mask, 0, masked, 0, n * out);
            h = masked;
        }
        Buf.gemm(be, false, true, n, gates, out, h, 0, out, whh, 0, out, 0, a.rec, 0, gates);
        kernel.forward(a, 0, n);
        if (hRaw != null) {
            Buf.gemm(be, false, true, n, out, hidden, hRaw, 0, hidden, whr, 0, hidden, 0, hRun, 0, out);
            if (saved != null) for (int r = 0; r < n; r++) hRaw.copyTo(r * hidden, saved.hRaw, tb[r] * hidden, hidden);
        }
        int yw = fp.spec.dirs() * out;
        for (int r = 0; r < n; r++) hRun.copyTo(r * out, y, tb[r] * yw + dir * out, out);
    }

    /** Final states (each sequence's state at its last valid step) into hN/cN (L·D, B, ·) rows. */
    void finish(Buf hN, Buf cN) {
        int b = plan.batch();
        for (int r = 0; r < b; r++) {
            int bi = plan.batchOf(r);
            hRun.copyTo(r * out, hN, (layerDir * b + bi) * out, out);
            if (cN != null) a.c.copyTo(r * hidden, cN, (layerDir * b + bi) * hidden, hidden);
        }
    }
}
