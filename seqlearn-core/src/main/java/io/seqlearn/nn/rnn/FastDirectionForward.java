package io.seqlearn.nn.rnn;

import jdk.incubator.vector.FloatVector;

import static io.seqlearn.nn.rnn.FastCells.load;

/**
 * The F32 forward stepper: W_hh packed once ({@link PackedWeights}); each step is split into blocks of 16
 * hidden units, and one block computes its G gate columns for six rows at a time with {@link TileKernel}
 * and immediately applies the cell's pointwise math to that tile while it is still in L1 (gates,
 * new c and h, the output row and, in training, the saved activations). With enough rows each thread runs
 * its own group of batch rows through all the steps ({@link RowGroups}, no barrier); otherwise the blocks
 * of one step are spread over threads by {@link StepScheduler} and a step ends when all its blocks are done.
 */
final class FastDirectionForward extends DirectionForward {
    private final CellKind kind;
    private final PackedWeights pw;
    private final FastStepArgs a = new FastStepArgs();
    private final float[][] tiles;
    /** Per worker, for the rows of one tile (see lstmTile): their offsets in the gate buffer, in c, in tanh(c). */
    private final int[][] rowScratch;
    private final int[][] cOffsets;
    private final int[][] tanhOffsets;
    private final int threads;
    /** Row-group boundaries when the threads split the batch, else null (they split each step's units). */
    private final int[] groups;
    /** Within a row group: tile by tile (small W_hh) or unit block by unit block (see RowGroups). */
    private final boolean tileByTile;

    FastDirectionForward(ForwardPass fp, int l, int d, Tuning tuning) {
        super(fp, l, d);
        this.kind = fp.spec.kind();
        int b = plan.batch();
        this.pw = fp.save ? new PackedWeights(whh.f(), kind.gates(), hidden, out, false)
                : PackedWeights.forInference(whh.f(), kind.gates(), hidden, out);
        this.threads = StepScheduler.threadsFor(be, 2.0 * b * gates * out, tuning.minFlopsPerThread());
        this.tiles = new float[Math.max(threads, 1)][TileKernel.MR * kind.gates() * TileKernel.NR];
        this.rowScratch = new int[Math.max(threads, 1)][TileKernel.MR];
        this.cOffsets = new int[Math.max(threads, 1)][TileKernel.MR];
        this.tanhOffsets = new int[Math.max(threads, 1)][TileKernel.MR];
        this.groups = RowGroups.split(plan, threads, tuning.minRowsPerThread());
        this.tileByTile = RowGroups.tileByTile(pw, tuning);
        a.batch = b;
        a.hidden = hidden;
        a.out = out;
        a.gates = kind.gates();
        a.dirOffset = dir * out;
        a.yWidth = fp.spec.dirs() * out;
        a.tb = new int[plan.steps() * b];
        int[] rows = new int[b];
        for (int s = 0; s < plan.steps(); s++) {
            int n = plan.rows(s, reverse, rows);
            System.arraycopy(rows, 0, a.tb, s * b, n);
        }
        a.h[0] = initialRows(false).f();
        a.h[1] = new float[b * out];
        Buf mask = sortedRows(fp.masks.recurrent(layerDir), out);
        if (mask != null) {
            a.mask = mask.f();
            a.hMasked[0] = new float[b * out];
            a.hMasked[1] = new float[b * out];
            for (int i = 0; i < b * out; i++) a.hMasked[0][i] = a.h[0][i] * a.mask[i];
        }
        a.c = kind.isLstm() ? initialRows(true).f() : null;
        Buf bhh = DirectionWeights.raw(fp.weights[layerDir].biasHh());
        a.bhn = kind == CellKind.GRU && bhh != null ? bhh.f() : null;
        a.bhnOff = 2 * hidden;
        a.relu = kind == CellKind.RNN_RELU;
        a.saved = saved;
        if (saved != null && kind == CellKind.LSTM && plan.steps() > 0) saveInitialState();
    }

    @Override
    void steps(int s0, int s1, Buf y) {
        a.g = g.f();
        a.gWidth = gWidth;
        a.chunked = !fp.save;
        a.chunkStart = chunkStart;
        a.y = y.f();
        if (groups != null) {
            RowGroups.walk(be, plan, groups, tileByTile, s0, s1, false, (s, w, r0, r1) -> {
                for (int ub = 0; ub < pw.unitBlocks; ub++) block(s, ub, w, r0, r1);
            });
        } else {
            // One contiguous range of unit blocks per thread, not one item per block: each thread then keeps
            // its part of W_hh in its own L2, and a step costs two claims instead of one per block (batch-1
            // inference at H = 256: median 1.56 vs 1.77 ms per forward, in-process alternation).
            int items = Math.min(pw.unitBlocks, threads), ubs = pw.unitBlocks;
            StepScheduler.run(be, threads, s0, s1, s -> items, (s, it, w) -> {
                for (int ub = it * ubs / items, end = (it + 1) * ubs / items; ub < end; ub++) block(s, ub, w, 0, plan.batch());
            });
        }
    }

    /**
     * Unit block ub of step s for running rows [lo, hi): G tiles of six rows, each followed by the pointwise
     * update of that tile.
     */
    private void block(int s, int ub, int worker, int lo, int hi) {
        int n = Math.min(plan.active(s), hi), tw = kind.gates() * TileKernel.NR;
        float[] prev = a.h[s & 1], next = a.h[(s + 1) & 1];
        float[] lhs = a.mask != null ? a.hMasked[s & 1] : prev;
        float[] tile = tiles[worker];
        for (int r0 = lo; r0 < n; r0 += TileKernel.MR) {
            int rows = Math.min(TileKernel.MR, n - r0);
            if (rows == 1) {
                // a lone row (batch 1, or the last row of a batch): two gates per pass, see TileKernel.rowTwoPanels
                int gi = 0, nr = TileKernel.NR;
                if (kind.gates() == 4) {
                    TileKernel.rowFourPanels(lhs, r0 * out, pw.forward, pw.forwardPanel(ub, 0), pw.forwardPanel(ub, 1),
                            pw.forwardPanel(ub, 2), pw.forwardPanel(ub, 3), out, tile, 0, nr, 2 * nr, 3 * nr);
                    gi = 4;
                }
                for (; gi + 2 <= kind.gates(); gi += 2) {
                    TileKernel.rowTwoPanels(lhs, r0 * out, pw.forward, pw.forwardPanel(ub, gi), pw.forwardPanel(ub, gi + 1),
                            out, tile, gi * TileKernel.NR, (gi + 1) * TileKernel.NR);
                }
                if (gi < kind.gates()) {
                    TileKernel.tile(1, lhs, r0 * out, out, pw.forward, pw.forwardPanel(ub, gi), out, tile, gi * TileKernel.NR, tw);
                }
            } else {
                int gi = 0;
                for (; gi + 2 <= kind.gates(); gi += 2) {
                    TileKernel.tilePair(rows, lhs, r0 * out, out, pw.forward, pw.forwardPanel(ub, gi), pw.forwardPanel(ub, gi + 1),
                            out, tile, gi * TileKernel.NR, (gi + 1) * TileKernel.NR, tw);
                }
                if (gi < kind.gates()) {
                    TileKernel.tile(rows, lhs, r0 * out, out, pw.forward, pw.forwardPanel(ub, gi), out, tile, gi * TileKernel.NR, tw);
                }
            }
            int j0 = ub * TileKernel.NR;
            if (kind == CellKind.LSTM && j0 + TileKernel.NR <= hidden) {
                lstmTile(s, r0, rows, j0, tile, next, rowScratch[worker], cOffsets[worker], tanhOffsets[worker]);
                continue;
            }
            for (int i = 0; i < rows; i++) {
                if (j0 + TileKernel.NR <= hidden) {
                    for (int v = 0; v < TileKernel.NR; v += FastCells.L) vector(s, r0 + i, j0 + v, tile, i * tw + v, prev, next);
                } else {
                    for (int j = j0; j < hidden; j++) scalar(s, r0 + i, j, tile, i * tw + j - j0, prev, next);
                }
            }
        }
    }

    /**
     * The LSTM update of a whole tile (rows × 16 units), one operation at a time over all its rows: first each
     * gate's activation for every row, then c, then tanh(c), then h. Why not row by row: a single σ or tanh
     * is a chain of ~25 dependent instructions (8.5 ns per 16-lane σ when many independent ones follow each
     * other), and one row's gates and cell are one chain after another; looping one operation over the tile's
     * rows gives the core independent chains to overlap. Measured on LSTM-S training against the row-by-row
     * order: within the noise (4 alternations, at most ~5 % faster).
     *
     * <p>In training the saved c_{t−1}, tanh(c_t) and h_{t−1} are stored from the vectors just computed
     * rather than copied afterwards: c' and h of step s are also c_{t−1} and h_{t−1} of step s + 1
     * ({@link #nextRow}), tanh(c) goes straight into the saved buffer; step 0's are written by
     * {@link #saveInitialState}. Four 16-float copies per row and block were ~8 % of LSTM-S's forward.
     */
    private void lstmTile(int s, int r0, int rows, int j0, float[] tile, float[] next, int[] gp, int[] cp, int[] tp) {
        int h = hidden, nr = TileKernel.NR, tw = 4 * nr;
        float[] g = a.g;
        for (int i = 0; i < rows; i++) gp[i] = a.gRow(s, r0 + i) * a.gWidth + j0;
        FastCells.sigmoidRows(g, gp, rows, 0, tile, 0, tw);
        FastCells.sigmoidRows(g, gp, rows, h, tile, nr, tw);
        FastCells.tanhRows(g, gp, rows, 2 * h, tile, 2 * nr, tw);
        FastCells.sigmoidRows(g, gp, rows, 3 * h, tile, 3 * nr, tw);
        for (int i = 0; i < rows; i++) cp[i] = (r0 + i) * h + j0;
        if (saved == null) {
            for (int i = 0; i < rows; i++) {
                for (int v = 0; v < nr; v += FastCells.L) newCell(g, gp[i] + v, cp[i] + v, null, 0);
            }
            FastCells.tanhRowsOf(a.c, cp, next, cp, rows);
            for (int i = 0; i < rows; i++) {
                int r = r0 + i, tb = a.tb[s * a.batch + r];
                for (int v = 0; v < nr; v += FastCells.L) newHidden(s, tb, -1, g, gp[i] + v, j0 + v, next, r * out + j0 + v, next, r * out + j0 + v);
            }
            return;
        }
        float[] cPrev = saved.cPrev.f(), tanhC = saved.tanhC.f();
        for (int i = 0; i < rows; i++) {
            int r = r0 + i, nb = nextRow(s, r), sp = nb * h + j0;
            for (int v = 0; v < nr; v += FastCells.L) newCell(g, gp[i] + v, cp[i] + v, nb < 0 ? null : cPrev, sp + v);
        }
        for (int i = 0; i < rows; i++) tp[i] = a.tb[s * a.batch + r0 + i] * h + j0;
        FastCells.tanhRowsOf(a.c, cp, tanhC, tp, rows);
        for (int i = 0; i < rows; i++) {
            int r = r0 + i, tb = a.tb[s * a.batch + r];
            for (int v = 0; v < nr; v += FastCells.L) {
                newHidden(s, tb, nextRow(s, r), g, gp[i] + v, j0 + v, tanhC, tp[i] + v, next, r * out + j0 + v);
            }
        }
    }

    /** The time-ordered row that running row r has at step s + 1, or −1 when its sequence ends at s. */
    private int nextRow(int s, int r) {
        return s + 1 < plan.steps() && r < plan.active(s + 1) ? a.tb[(s + 1) * a.batch + r] : -1;
    }

    /** Training: the saved h_{t−1} and c_{t−1} of step 0, i.e. the initial state of every running row. */
    private void saveInitialState() {
        int n = plan.active(0);
        for (int r = 0; r < n; r++) {
            int tb = a.tb[r];
            System.arraycopy(a.h[0], r * out, saved.hPrev.f(), tb * out, out);
            if (a.c != null) System.arraycopy(a.c, r * hidden, saved.cPrev.f(), tb * hidden, hidden);
        }
    }

    /** c' = f ⊙ c + i ⊙ g in place at cp; in training also into the saved c_{t−1} of the next step (cNext at sp). */
    private void newCell(float[] g, int gp, int cp, float[] cNext, int sp) {
        int h = hidden;
        FloatVector c = load(g, gp + h).fma(load(a.c, cp), load(g, gp).mul(load(g, gp + 2 * h)));
        c.intoArray(a.c, cp);
        if (cNext != null) c.intoArray(cNext, sp);
    }

    /**
     * h = o ⊙ tanh(c') with tanh(c') at tc[tp], into the state (next at hp), the output, the masked state and,
     * in training, the saved h_{t−1} of the next step (time-ordered row nb, when ≥ 0).
     */
    private void newHidden(int s, int tb, int nb, float[] g, int gp, int j, float[] tc, int tp, float[] next, int hp) {
        FloatVector hv = load(g, gp + 3 * hidden).mul(load(tc, tp));
        hv.intoArray(next, hp);
        hv.intoArray(a.y, tb * a.yWidth + a.dirOffset + j);
        if (a.mask != null) hv.mul(load(a.mask, hp)).intoArray(a.hMasked[(s + 1) & 1], hp);
        if (nb >= 0) hv.intoArray(saved.hPrev.f(), nb * out + j);
    }

    /**
     * GRU and RNN units [j, j+L) of row r (all inside H; L = 8 or 16 lanes), without masks (AVX2 runs masked vector ops in a slow
     * fallback). Split into small methods that pass arrays, not vectors: a large method exceeds C2's
     * inlining node budget and every vector crossing a call is then boxed.
     */
    private void vector(int s, int r, int j, float[] tile, int t, float[] prev, float[] next) {
        int tb = a.tb[s * a.batch + r], gp = a.gRow(s, r) * a.gWidth, h = hidden, nr = TileKernel.NR;
        float[] g = a.g;
        switch (kind) {
            case LSTM -> throw new IllegalStateException("LSTM: full unit blocks take lstmTile");
            case GRU -> {
                sigmoidInPlace(g, gp + j, tile, t);
                sigmoidInPlace(g, gp + h + j, tile, t + nr);
                gruCell(gp + j, tile, t + 2 * nr, j, prev, next, r * out + j);
            }
            default -> rnnCell(g, gp + j, tile, t, next, r * out + j);
        }
        emit(s, tb, j, prev, next, r * out + j);
    }

    /** g[p..p+L) = σ(g[p..] + tile[t..]) (the activation replaces the pre-activation, as backward needs). */
    private static void sigmoidInPlace(float[] g, int p, float[] tile, int t) {
        FastCells.sigmoidSum(g, p, tile, t, g, p);
    }

    /** n = tanh(x_n + r ⊙ (rec_n + b_hn)), h = (h_prev − n) ⊙ z + n; r, z already activated at gp. */
    private void gruCell(int gp, float[] tile, int t, int j, float[] prev, float[] next, int hp) {
        float[] g = a.g;
        int h = hidden;
        FloatVector hn = load(tile, t);
        if (a.bhn != null) hn = hn.add(load(a.bhn, a.bhnOff + j));
        if (saved != null) {
            if (a.bhn == null) copy(tile, t, g, gp + 3 * h); else hn.intoArray(g, gp + 3 * h);   // a copy: see copy()
        }
        load(g, gp).fma(hn, load(g, gp + 2 * h)).intoArray(next, hp);
        FastCells.tanhSum(next, hp, null, 0, next, hp);
        if (saved != null) copy(next, hp, g, gp + 2 * h);
        FloatVector ng = load(next, hp), zg = load(g, gp + h);
        load(prev, hp).sub(ng).fma(zg, ng).intoArray(next, hp);
    }

    private void rnnCell(float[] g, int p, float[] tile, int t, float[] next, int hp) {
        if (a.relu) load(g, p).add(load(tile, t)).max(0f).intoArray(next, hp);
        else FastCells.tanhSum(g, p, tile, t, next, hp);
        if (saved != null) copy(next, hp, g, p);
    }

    /** Copies the new h (already in {@code next}) to the output, the masked state and the saved h_{t−1}. */
    private void emit(int s, int tb, int j, float[] prev, float[] next, int hp) {
        copy(next, hp, a.y, tb * a.yWidth + a.dirOffset + j);
        if (a.mask != null) load(next, hp).mul(load(a.mask, hp)).intoArray(a.hMasked[(s + 1) & 1], hp);
        if (saved != null) copy(prev, hp, saved.hPrev.f(), tb * out + j);
    }

    /**
     * Copies one vector's worth (L floats). Not a vector load and store: C2 sometimes compiles a vector that
     * is only loaded and stored again into a heap-allocated box (its type is settled only after the store's
     * call site is parsed, and the store's type profile is shared with every other vector shape in the
     * process); that cost 1.5–2 ms of 8–10 per LSTM-S training step, in about half of the JVMs started.
     */
    private static void copy(float[] src, int s, float[] dst, int d) {
        System.arraycopy(src, s, dst, d, FastCells.L);
    }

    /** One unit j of row r in the last, partial block of units; the same math as the vector path. */
    private void scalar(int s, int r, int j, float[] tile, int t, float[] prev, float[] next) {
        int tb = a.tb[s * a.batch + r], gp = a.gRow(s, r) * a.gWidth, h = hidden, nr = TileKernel.NR;
        float[] g = a.g;
        int hp = r * out + j;
        float hv;
        switch (kind) {
            case LSTM -> {
                float i = LstmKernel.sigmoid(g[gp + j] + tile[t]), f = LstmKernel.sigmoid(g[gp + h + j] + tile[t + nr]);
                float c = (float) Math.tanh(g[gp + 2 * h + j] + tile[t + 2 * nr]);
                float o = LstmKernel.sigmoid(g[gp + 3 * h + j] + tile[t + 3 * nr]);
                int cp = r * h + j;
                float cOld = a.c[cp], cNew = f * cOld + i * c, tc = (float) Math.tanh(cNew);
                a.c[cp] = cNew;
                if (saved != null) {
                    g[gp + j] = i;
                    g[gp + h + j] = f;
                    g[gp + 2 * h + j] = c;
                    g[gp + 3 * h + j] = o;
                    saved.tanhC.f()[tb * h + j] = tc;
                    saved.cPrev.f()[tb * h + j] = cOld;
                }
                hv = o * tc;
            }
            case GRU -> {
                float rg = LstmKernel.sigmoid(g[gp + j] + tile[t]), zg = LstmKernel.sigmoid(g[gp + h + j] + tile[t + nr]);
                float hn = tile[t + 2 * nr] + (a.bhn != null ? a.bhn[a.bhnOff + j] : 0f);
                float ng = (float) Math.tanh(g[gp + 2 * h + j] + rg * hn);
                if (saved != null) {
                    g[gp + j] = rg;
                    g[gp + h + j] = zg;
                    g[gp + 2 * h + j] = ng;
                    g[gp + 3 * h + j] = hn;
                }
                hv = (prev[hp] - ng) * zg + ng;
            }
            default -> {
                float x = g[gp + j] + tile[t];
                hv = a.relu ? Math.max(x, 0f) : (float) Math.tanh(x);
                if (saved != null) g[gp + j] = hv;
            }
        }
        if (saved != null) saved.hPrev.f()[tb * out + j] = prev[hp];
        next[hp] = hv;
        if (a.mask != null) a.hMasked[(s + 1) & 1][hp] = hv * a.mask[hp];
        a.y[tb * a.yWidth + a.dirOffset + j] = hv;
    }

    @Override
    void finish(Buf hN, Buf cN) {
        int b = plan.batch();
        for (int r = 0; r < b; r++) {
            int bi = plan.batchOf(r), len = plan.length(bi);
            System.arraycopy(a.h[len & 1], r * out, hN.f(), (layerDir * b + bi) * out, out);
            if (cN != null) System.arraycopy(a.c, r * hidden, cN.f(), (layerDir * b + bi) * hidden, hidden);
        }
    }
}
