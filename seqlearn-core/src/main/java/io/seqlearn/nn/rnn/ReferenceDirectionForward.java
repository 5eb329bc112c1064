package io.seqlearn.nn.rnn;

/**
 * The plain forward stepper (F32 and F64, LSTM projection): per step one backend GEMM
 * {@code h_{t−1}·W_hhᵀ} for the active rows, the {@link CellKernel}, and with projection a second GEMM
 * {@code h = (o ⊙ tanh c)·W_hrᵀ}. The reference the fast path is tested against.
 */
final class ReferenceDirectionForward extends DirectionForward {
    private final CellKernel kernel;
    private final Buf whr;
    private final Buf hRun;
    private final Buf hRaw;
    private final Buf mask;
    private final Buf masked;
    private final StepArgs a = new StepArgs();

    ReferenceDirectionForward(ForwardPass fp, int l, int d) {
        super(fp, l, d);
        RecurrentSpec spec = fp.spec;
        this.kernel = CellKernel.of(spec.kind());
        this.whr = DirectionWeights.raw(fp.weights[layerDir].weightHr());
        int b = plan.batch();
        this.hRun = initialRows(false);
        this.hRaw = whr != null ? Buf.zeros(fp.dtype, b * hidden) : null;
        this.mask = sortedRows(fp.masks.recurrent(layerDir), out);
        this.masked = mask != null ? Buf.zeros(fp.dtype, b * out) : null;
        a.hidden = hidden;
        a.tb = new int[b];
        a.save = fp.save;
        a.rec = Buf.zeros(fp.dtype, b * gates);
        a.hOut = hRaw != null ? hRaw : hRun;
        a.c = spec.kind().isLstm() ? initialRows(true) : null;
        a.bhn = spec.kind() == CellKind.GRU ? DirectionWeights.raw(fp.weights[layerDir].biasHh()) : null;
        a.bhnOff = 2 * hidden;
        a.tanhC = saved != null ? saved.tanhC : null;
        a.gRow = fp.save ? a.tb : new int[b];
    }

    @Override
    void steps(int s0, int s1, Buf y) {
        a.g = g;
        a.gWidth = gWidth;
        for (int s = s0; s < s1; s++) step(s, y);
    }

    private void step(int s, Buf y) {
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

    @Override
    void finish(Buf hN, Buf cN) {
        int b = plan.batch();
        for (int r = 0; r < b; r++) {
            int bi = plan.batchOf(r);
            hRun.copyTo(r * out, hN, (layerDir * b + bi) * out, out);
            if (cN != null) a.c.copyTo(r * hidden, cN, (layerDir * b + bi) * hidden, hidden);
        }
    }
}
