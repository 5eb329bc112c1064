package io.seqlearn.nn.rnn;

import io.seqlearn.backend.Backend;
import io.seqlearn.tensor.DType;

/**
 * The fused forward pass of a whole recurrent stack over time-major buffers (DESIGN §3):
 * for each layer direction, one big GEMM projects the inputs of all steps ({@code X[T·B, I]·W_ihᵀ}, biases
 * folded in), then each step does only {@code h_{t−1}·W_hhᵀ} for the still-active rows plus one fused
 * pointwise kernel. In training ({@code save}) it keeps exactly what {@link BackwardPass} needs
 * ({@link SavedDirection}); in inference it keeps only the running state and projects the input in chunks
 * of steps, so memory stays O(B·H) beyond the layer outputs.
 */
final class ForwardPass {
    /**
     * Inference projects the input in chunks of about this many floats of gate pre-activations (16 MB), and
     * of 1024–4096 rows: few chunks, because each is a serial gather plus a GEMM between two parallel step
     * walks (LSTM B64 T100 H256 inference: 4096-row chunks were ~10 % faster than 1024-row ones), and a
     * bounded buffer, so memory stays O(B·H) for any T.
     */
    private static final int INFERENCE_CHUNK_FLOATS = 1 << 22;

    final RecurrentSpec spec;
    final Backend backend;
    final DType dtype;
    final StepPlan plan;
    final boolean save;
    final DirectionWeights[] weights;
    final DropoutMasks masks;
    final Tuning tuning;
    final Buf[] layerInput;
    final SavedDirection[] saved;
    private final Buf h0;
    private final Buf c0;
    final Buf hN;
    final Buf cN;
    Buf output;

    ForwardPass(RecurrentSpec spec, Backend backend, DType dtype, StepPlan plan, boolean save,
                DirectionWeights[] weights, DropoutMasks masks, Buf h0, Buf c0, Tuning tuning) {
        this.spec = spec;
        this.backend = backend;
        this.dtype = dtype;
        this.plan = plan;
        this.save = save;
        this.weights = weights;
        this.masks = masks;
        this.tuning = tuning;
        this.h0 = h0;
        this.c0 = c0;
        int layerDirs = spec.numLayers() * spec.dirs(), b = plan.batch();
        this.layerInput = new Buf[spec.numLayers()];
        this.saved = new SavedDirection[layerDirs];
        this.hN = Buf.zeros(dtype, layerDirs * b * spec.outSize());
        this.cN = spec.kind().isLstm() ? Buf.zeros(dtype, layerDirs * b * spec.hiddenSize()) : null;
    }

    /** Runs every layer on the time-major input {@code x} (T·B, I); the result is in {@link #output}. */
    void run(Buf x) {
        int rows = plan.time() * plan.batch(), width = spec.dirs() * spec.outSize();
        Buf in = x;
        for (int l = 0; l < spec.numLayers(); l++) {
            if (save) layerInput[l] = in;
            Buf y = outputBuffer(rows, width);
            for (int d = 0; d < spec.dirs(); d++) direction(l, d, in, y);
            Buf mask = l < spec.numLayers() - 1 ? masks.between(l) : null;
            if (mask != null) Buf.mul(y, 0, mask, 0, y, 0, rows * width);
            in = y;
        }
        output = in;
    }

    /**
     * A layer's output (T·B, width): the fast steppers write every valid row, so its array may come from
     * {@link ScratchPool} with only the padding rows zeroed; the reference stepper's is new.
     */
    private Buf outputBuffer(int rows, int width) {
        if (!tuning.fast(spec, dtype)) return Buf.zeros(dtype, rows * width);
        Buf y = Buf.reused(dtype, rows * width);
        plan.zeroPaddingRows(y, width);
        return y;
    }

    private void direction(int l, int d, Buf in, Buf y) {
        DirectionForward run = tuning.fast(spec, dtype) ? new FastDirectionForward(this, l, d, tuning)
                : new ReferenceDirectionForward(this, l, d);
        if (save) {
            saved[run.layerDir] = run.saved;
            run.projectAll(in);
            run.steps(0, plan.steps(), y);
        } else {
            int chunk = inferenceChunkSteps(plan.batch(), plan.steps(), spec.gateRows());
            run.allocateChunk(chunk);
            for (int s0 = 0; s0 < plan.steps(); s0 += chunk) {
                int s1 = Math.min(plan.steps(), s0 + chunk);
                run.projectChunk(in, s0, s1);
                run.steps(s0, s1, y);
            }
        }
        run.finish(hN, cN);
    }

    /** Steps per inference chunk for a batch of {@code batch} rows and {@code gateRows} gate columns. */
    static int inferenceChunkSteps(int batch, int steps, int gateRows) {
        int rows = Math.clamp(INFERENCE_CHUNK_FLOATS / Math.max(1, gateRows), 1024, 4096);
        return Math.clamp((rows + batch - 1) / batch, 1, steps);
    }

    /** Initial state row of layer direction {@code ld}, batch b, into {@code dst} (zero when absent). */
    void initialState(int ld, int b, Buf dst, int dstOff, boolean cell) {
        Buf src = cell ? c0 : h0;
        int w = cell ? spec.hiddenSize() : spec.outSize();
        if (src != null) src.copyTo((ld * plan.batch() + b) * w, dst, dstOff, w);
    }
}
