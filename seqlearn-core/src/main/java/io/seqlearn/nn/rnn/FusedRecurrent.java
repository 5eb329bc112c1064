package io.seqlearn.nn.rnn;

import io.seqlearn.autograd.Node;
import io.seqlearn.backend.Backend;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A whole recurrent stack (all layers, both directions, every step) as ONE autograd node with a
 * hand-written backward, as cuDNN does (DESIGN §3). Inputs must already be validated by the module.
 *
 * <p>The node's single output is a flat buffer holding [output | h_n | c_n]; the three results are
 * views of it, so one backward call receives all three gradients together.
 */
final class FusedRecurrent {
    private FusedRecurrent() {}

    /** Output sequence (user layout), final h (L·D, B, Hr) and final c (L·D, B, H) or null. */
    record Result(Tensor output, Tensor h, Tensor c) {}

    static Result apply(RecurrentSpec spec, Tensor x, boolean batchFirst, int[] lengths, Tensor h0, Tensor c0,
                        DirectionWeights[] weights, DropoutMasks masks) {
        return apply(spec, x, batchFirst, lengths, h0, c0, weights, masks, Tuning.DEFAULT);
    }

    /** As above with explicit {@link Tuning} (tests force the reference or the fast path). */
    static Result apply(RecurrentSpec spec, Tensor x, boolean batchFirst, int[] lengths, Tensor h0, Tensor c0,
                        DirectionWeights[] weights, DropoutMasks masks, Tuning tuning) {
        int b = x.size(batchFirst ? 0 : 1), t = x.size(batchFirst ? 1 : 0);
        DType dtype = x.dtype();
        Backend be = x.backend();
        int[] groups = BatchGroups.split(be, spec, dtype, b, t, lengths, tuning);
        if (groups != null) return GroupedRecurrent.apply(spec, x, batchFirst, lengths, h0, c0, weights, masks, tuning, groups);
        Tensor[] inputs = nodeInputs(x, h0, c0, weights);
        boolean train = Node.needsGrad(inputs);
        StepPlan plan = new StepPlan(b, t, lengths);
        ForwardPass fp = new ForwardPass(spec, be, dtype, plan, train, weights, masks,
                DirectionWeights.raw(h0), DirectionWeights.raw(c0), tuning);
        fp.run(Layout.timeMajor(x, batchFirst));

        int width = spec.dirs() * spec.outSize(), layerDirs = spec.numLayers() * spec.dirs();
        int nY = t * b * width, nH = layerDirs * b * spec.outSize();
        int nC = fp.cN != null ? layerDirs * b * spec.hiddenSize() : 0;
        Buf packed = Buf.zeros(dtype, nY + nH + nC);
        Layout.fromTimeMajor(fp.output, packed, 0, t, b, width, batchFirst);
        fp.hN.copyTo(0, packed, nY, nH);
        if (nC > 0) fp.cN.copyTo(0, packed, nY + nH, nC);
        Buf.recycle(fp.output);   // the last layer's output is no layer's saved input
        fp.output = null;
        Tensor p = packed.tensor(be, nY + nH + nC);
        if (train) {
            Backward bw = new Backward(spec, fp, batchFirst, nY, nH, nC, inputs);
            Node.recordFresh(p, spec.op(), bw::apply, inputs);
        }
        return result(p, spec, batchFirst, b, t, nY, nH, nC);
    }

    /** The three results as views of the node's packed output [output | h_n | c_n]. */
    static Result result(Tensor p, RecurrentSpec spec, boolean batchFirst, int b, int t, int nY, int nH, int nC) {
        int width = spec.dirs() * spec.outSize(), layerDirs = spec.numLayers() * spec.dirs();
        Tensor out = p.narrow(0, 0, nY).reshape(batchFirst ? new int[]{b, t, width} : new int[]{t, b, width});
        Tensor h = p.narrow(0, nY, nH).reshape(layerDirs, b, spec.outSize());
        Tensor c = nC > 0 ? p.narrow(0, nY + nH, nC).reshape(layerDirs, b, spec.hiddenSize()) : null;
        return new Result(out, h, c);
    }

    static IllegalStateException backwardTwice(RecurrentSpec spec) {
        return new IllegalStateException(spec.op() + ": backward through the same forward pass twice; its saved "
                + "activations were freed after the first backward (run forward again)");
    }

    /**
     * The node's input gradients: dx (user layout, or null), dh0, dc0 (L·D, B, ·) and each layer
     * direction's parameter gradients, mapped to the slots of {@link #nodeInputs}.
     */
    static Tensor[] inputGrads(Tensor[] inputs, Backend be, Buf dx, Buf dh0, Buf dc0, DirectionGrads[] grads) {
        Tensor[] out = new Tensor[inputs.length];
        if (dx != null && inputs[0].requiresGrad()) out[0] = dx.tensor(be, inputs[0].shape());
        if (inputs[1] != null) out[1] = dh0.tensor(be, inputs[1].shape());
        if (inputs[2] != null && dc0 != null) out[2] = dc0.tensor(be, inputs[2].shape());
        for (int ld = 0; ld < grads.length; ld++) {
            DirectionGrads dg = grads[ld];
            Buf[] bufs = {dg.weightIh(), dg.weightHh(), dg.biasIh(), dg.biasHh(), dg.weightHr()};
            for (int k = 0; k < 5; k++) {
                Tensor p = inputs[3 + 5 * ld + k];
                if (p != null && bufs[k] != null) out[3 + 5 * ld + k] = bufs[k].tensor(be, p.shape());
            }
        }
        return out;
    }

    /** [x, h0, c0, then five slots per layer direction]; nulls are allowed (the engine skips them). */
    static Tensor[] nodeInputs(Tensor x, Tensor h0, Tensor c0, DirectionWeights[] weights) {
        List<Tensor> in = new ArrayList<>(Arrays.asList(x, h0, c0));
        for (DirectionWeights w : weights) in.addAll(Arrays.asList(w.slots()));
        return in.toArray(new Tensor[0]);
    }

    /** The node's backward: unpacks the three gradients, runs {@link BackwardPass}, maps results to inputs. */
    private static final class Backward {
        private final RecurrentSpec spec;
        private final boolean batchFirst;
        private final int nY;
        private final int nH;
        private final int nC;
        private final Tensor[] inputs;
        private ForwardPass fp;

        Backward(RecurrentSpec spec, ForwardPass fp, boolean batchFirst, int nY, int nH, int nC, Tensor[] inputs) {
            this.spec = spec;
            this.fp = fp;
            this.batchFirst = batchFirst;
            this.nY = nY;
            this.nH = nH;
            this.nC = nC;
            this.inputs = inputs;
        }

        Tensor[] apply(Tensor grad) {
            if (fp == null) throw backwardTwice(spec);
            ForwardPass f = fp;
            fp = null;
            Tensor g = grad.contiguousNoGrad();
            Buf gb = Buf.of(g);
            int t = f.plan.time(), b = f.plan.batch(), width = spec.dirs() * spec.outSize();
            Buf dy = Layout.toTimeMajor(gb, g.offset(), t, b, width, batchFirst);
            Buf dhN = slice(gb, g.offset() + nY, nH, f.dtype);
            Buf dcN = nC > 0 ? slice(gb, g.offset() + nY + nH, nC, f.dtype) : null;
            Tensor x = inputs[0];
            BackwardPass bp = new BackwardPass(f);
            bp.run(dy, dhN, dcN, x.requiresGrad());
            Buf.recycle(dy);
            return gradients(f, bp, t, b);
        }

        private static Buf slice(Buf src, int off, int n, DType dtype) {
            Buf out = Buf.zeros(dtype, n);
            src.copyTo(off, out, 0, n);
            return out;
        }

        private Tensor[] gradients(ForwardPass f, BackwardPass bp, int t, int b) {
            Buf dx = null;
            if (bp.dx != null && inputs[0].requiresGrad()) {
                dx = Buf.zeros(f.dtype, t * b * spec.inputSize());
                Layout.fromTimeMajor(bp.dx, dx, 0, t, b, spec.inputSize(), batchFirst);
                Buf.recycle(bp.dx);
                bp.dx = null;
            }
            return inputGrads(inputs, f.backend, dx, bp.dh0, bp.dc0, bp.grads);
        }
    }
}
