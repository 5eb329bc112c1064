package io.seqlearn.nn.rnn;

import io.seqlearn.backend.Backend;

/**
 * Forward state of one layer direction while {@link ForwardPass} walks time: the weights as raw buffers,
 * the input projections (all T·B rows at once in training, chunks of steps in inference) and, in training,
 * the {@link SavedDirection}. Subclasses do the steps: {@link ReferenceDirectionForward} (any dtype, LSTM
 * projection; one backend GEMM per step) and {@link FastDirectionForward} (F32: packed W_hh, fused tiles,
 * steps split over threads).
 */
abstract class DirectionForward {
    final ForwardPass fp;
    final StepPlan plan;
    final Backend be;
    final int layerDir;
    final int dir;
    final boolean reverse;
    final int in;
    final int hidden;
    final int out;
    final int gates;
    final Buf wih;
    final Buf whh;
    final Buf bias;
    final SavedDirection saved;
    /** The input projections being read: the saved gate buffer (training) or a chunk buffer (inference). */
    Buf g;
    int gWidth;
    int chunkStart;
    private Buf chunkInput;
    private final int[] rowScratch;

    DirectionForward(ForwardPass fp, int l, int d) {
        RecurrentSpec spec = fp.spec;
        this.fp = fp;
        this.plan = fp.plan;
        this.be = fp.backend;
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
        this.bias = combinedBias(spec, DirectionWeights.raw(w.biasIh()), DirectionWeights.raw(w.biasHh()));
        this.saved = fp.save ? new SavedDirection(spec, fp.dtype, plan, fp.tuning.fast(spec, fp.dtype)) : null;
        this.rowScratch = new int[plan.batch()];
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
    Buf sortedRows(Buf src, int w) {
        if (src == null) return null;
        Buf dst = Buf.zeros(src.dtype(), plan.batch() * w);
        for (int r = 0; r < plan.batch(); r++) src.copyTo(plan.batchOf(r) * w, dst, r * w, w);
        return dst;
    }

    /** Initial h (or c) of every running row, in sorted order (zeros when none was given). */
    Buf initialRows(boolean cell) {
        int w = cell ? hidden : out;
        Buf dst = Buf.zeros(fp.dtype, plan.batch() * w);
        for (int r = 0; r < plan.batch(); r++) fp.initialState(layerDir, plan.batchOf(r), dst, r * w, cell);
        return dst;
    }

    /** Training: G = X·W_ihᵀ + bias for all T·B rows at once, into the saved gate buffer. */
    void projectAll(Buf x) {
        g = saved.gates;
        gWidth = fp.spec.kind().savedWidth() * hidden;
        project(x, plan.time() * plan.batch(), gWidth);
    }

    private void project(Buf x, int rows, int width) {
        if (bias != null) for (int r = 0; r < rows; r++) bias.copyTo(0, g, r * width, gates);
        Buf.gemm(be, false, true, rows, gates, in, x, 0, in, wih, 0, in, bias != null ? 1 : 0, g, 0, width);
    }

    /** Inference: scratch for the projections of {@code steps} steps at a time. */
    void allocateChunk(int steps) {
        int rows = steps * plan.batch();
        chunkInput = Buf.zeros(fp.dtype, rows * in);
        g = Buf.zeros(fp.dtype, rows * gates);
        gWidth = gates;
    }

    /** Inference: gathers the inputs the steps [s0, s1) will read, in step order, and projects them. */
    void projectChunk(Buf x, int s0, int s1) {
        int b = plan.batch();
        for (int s = s0; s < s1; s++) {
            int n = plan.rows(s, reverse, rowScratch);
            for (int r = 0; r < n; r++) x.copyTo(rowScratch[r] * in, chunkInput, ((s - s0) * b + r) * in, in);
        }
        chunkStart = s0;
        project(chunkInput, (s1 - s0) * b, gates);
    }

    /** Steps [s0, s1); writes each step's h into the layer output {@code y} (T·B, D·Hr). */
    abstract void steps(int s0, int s1, Buf y);

    /** Final states (each sequence's state at its last valid step) into hN/cN (L·D, B, ·) rows. */
    abstract void finish(Buf hN, Buf cN);
}
