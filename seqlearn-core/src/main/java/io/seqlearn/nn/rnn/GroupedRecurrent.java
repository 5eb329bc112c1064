package io.seqlearn.nn.rnn;

import io.seqlearn.autograd.Node;
import io.seqlearn.backend.Backend;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

import java.util.Arrays;

/**
 * The fused stack with the batch split into {@link BatchGroups}: each group's forward and backward run as
 * passes of their own ({@link ForwardPass}, {@link BackwardPass}), one group per thread, and the results
 * are assembled into the same single autograd node, outputs and gradients as {@link FusedRecurrent}'s.
 */
final class GroupedRecurrent {
    private GroupedRecurrent() {}

    static FusedRecurrent.Result apply(RecurrentSpec spec, Tensor x, boolean batchFirst, int[] lengths, Tensor h0,
                                       Tensor c0, DirectionWeights[] weights, DropoutMasks masks, Tuning tuning,
                                       int[] groups) {
        int b = x.size(batchFirst ? 0 : 1), t = x.size(batchFirst ? 1 : 0), n = groups.length - 1;
        DType dtype = x.dtype();
        Backend be = x.backend();
        Tensor[] inputs = FusedRecurrent.nodeInputs(x, h0, c0, weights);
        boolean train = Node.needsGrad(inputs);
        int width = spec.dirs() * spec.outSize(), layerDirs = spec.numLayers() * spec.dirs();
        int nY = t * b * width, nH = layerDirs * b * spec.outSize();
        int nC = spec.kind().isLstm() ? layerDirs * b * spec.hiddenSize() : 0;
        Buf packed = Buf.zeros(dtype, nY + nH + nC);
        Buf h0b = DirectionWeights.raw(h0), c0b = DirectionWeights.raw(c0);
        Tensor xd = x.detach();
        Tuning inside = tuning.insideGroup();
        ForwardPass[] fps = new ForwardPass[n];
        be.parallelRange(n, 1, (g0, g1) -> {
            for (int g = g0; g < g1; g++) {
                int b0 = groups[g], bg = groups[g + 1] - b0;
                StepPlan plan = new StepPlan(bg, t, lengths == null ? null : Arrays.copyOfRange(lengths, b0, b0 + bg));
                ForwardPass fp = new ForwardPass(spec, be, dtype, plan, train, weights,
                        BatchGroups.masks(masks, spec, t, b, b0, bg),
                        BatchGroups.stateRows(h0b, 0, layerDirs, b, spec.outSize(), b0, bg),
                        BatchGroups.stateRows(c0b, 0, layerDirs, b, spec.hiddenSize(), b0, bg), inside);
                fp.run(Layout.timeMajor(xd.narrow(batchFirst ? 0 : 1, b0, bg), batchFirst));
                Layout.fromTimeMajorRows(fp.output, packed, 0, t, b, b0, bg, width, batchFirst);
                BatchGroups.putStateRows(fp.hN, packed, nY, layerDirs, b, spec.outSize(), b0, bg);
                if (nC > 0) BatchGroups.putStateRows(fp.cN, packed, nY + nH, layerDirs, b, spec.hiddenSize(), b0, bg);
                Buf.recycle(fp.output);   // the last layer's output is no layer's saved input
                fp.output = null;
                fps[g] = fp;
            }
        });
        Tensor p = packed.tensor(be, nY + nH + nC);
        if (train) {
            Backward bw = new Backward(spec, fps, groups, batchFirst, b, t, nY, nH, nC, inputs);
            Node.recordFresh(p, spec.op(), bw::apply, inputs);
        }
        return FusedRecurrent.result(p, spec, batchFirst, b, t, nY, nH, nC);
    }

    /** The node's backward: each group's {@link BackwardPass} on its own thread, then the sums. */
    private static final class Backward {
        private final RecurrentSpec spec;
        private final int[] groups;
        private final boolean batchFirst;
        private final int b;
        private final int t;
        private final int nY;
        private final int nH;
        private final int nC;
        private final Tensor[] inputs;
        private ForwardPass[] fps;

        Backward(RecurrentSpec spec, ForwardPass[] fps, int[] groups, boolean batchFirst, int b, int t, int nY, int nH,
                 int nC, Tensor[] inputs) {
            this.spec = spec;
            this.fps = fps;
            this.groups = groups;
            this.batchFirst = batchFirst;
            this.b = b;
            this.t = t;
            this.nY = nY;
            this.nH = nH;
            this.nC = nC;
            this.inputs = inputs;
        }

        Tensor[] apply(Tensor grad) {
            if (fps == null) throw FusedRecurrent.backwardTwice(spec);
            ForwardPass[] f = fps;
            fps = null;
            Tensor g = grad.contiguousNoGrad();
            Buf gb = Buf.of(g);
            int off = g.offset(), n = groups.length - 1, width = spec.dirs() * spec.outSize();
            int layerDirs = spec.numLayers() * spec.dirs(), in = spec.inputSize();
            DType dtype = f[0].dtype;
            boolean needX = inputs[0].requiresGrad();
            Buf[] dxBox = new Buf[1];
            Buf dh0 = Buf.zeros(dtype, layerDirs * b * spec.outSize());
            Buf dc0 = nC > 0 ? Buf.zeros(dtype, layerDirs * b * spec.hiddenSize()) : null;
            BackwardPass[] bps = new BackwardPass[n];
            f[0].backend.parallelRange(n, 1, (g0, g1) -> {
                for (int i = g0; i < g1; i++) {
                    int b0 = groups[i], bg = groups[i + 1] - b0;
                    Buf dy = Layout.toTimeMajorRows(gb, off, t, b, b0, bg, width, batchFirst);
                    Buf dhN = BatchGroups.stateRows(gb, off + nY, layerDirs, b, spec.outSize(), b0, bg);
                    Buf dcN = nC > 0 ? BatchGroups.stateRows(gb, off + nY + nH, layerDirs, b, spec.hiddenSize(), b0, bg) : null;
                    BackwardPass bp = new BackwardPass(f[i]);
                    bp.run(dy, dhN, dcN, needX);
                    Buf.recycle(dy);
                    if (needX) Layout.fromTimeMajorRows(bp.dx, sharedBuffer(dxBox, dtype, t * b * in), 0, t, b, b0, bg, in, batchFirst);
                    Buf.recycle(bp.dx);
                    BatchGroups.putStateRows(bp.dh0, dh0, 0, layerDirs, b, spec.outSize(), b0, bg);
                    if (dc0 != null) BatchGroups.putStateRows(bp.dc0, dc0, 0, layerDirs, b, spec.hiddenSize(), b0, bg);
                    bp.dx = null;
                    bps[i] = bp;
                }
            });
            DirectionGrads[] sums = bps[0].grads.clone();
            for (int i = 1; i < n; i++) {
                for (int ld = 0; ld < sums.length; ld++) sums[ld] = add(sums[ld], bps[i].grads[ld]);
            }
            return FusedRecurrent.inputGrads(inputs, f[0].backend, dxBox[0], dh0, dc0, sums);
        }

        /**
         * The buffer in {@code box}, made by the first group that needs it: the JVM zeroes a new array on the
         * allocating thread, and dX is B·T·I floats (6.5 MB at LSTM-M, ~1 ms), so the first group to finish
         * pays for it while the others still run, instead of the main thread before they start.
         */
        private static Buf sharedBuffer(Buf[] box, DType dtype, int n) {
            synchronized (box) {
                if (box[0] == null) box[0] = Buf.zeros(dtype, n);
                return box[0];
            }
        }

        private static DirectionGrads add(DirectionGrads a, DirectionGrads c) {
            return new DirectionGrads(sum(a.weightIh(), c.weightIh()), sum(a.weightHh(), c.weightHh()),
                    sum(a.biasIh(), c.biasIh()), sum(a.biasHh(), c.biasHh()), sum(a.weightHr(), c.weightHr()));
        }

        private static Buf sum(Buf a, Buf c) {
            if (a == null) return null;
            Buf.add(a, 0, c, 0, a, 0, a.length());
            return a;
        }
    }
}
