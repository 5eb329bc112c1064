package io.seqlearn.nn.rnn;

/**
 * The hand-written backward of the fused stack (DESIGN §3): layers from the top down; per layer direction,
 * time in reverse with a fused pointwise kernel producing dG[t] and one small GEMM for dh_{t−1} = dG[t]·W_hh;
 * then the weight gradients as single GEMMs over all T·B rows:
 * dW_ih = dGᵀ·X, dW_hh = dGᵀ·H_{prev}, db = Σ_rows dG, dX = dG·W_ih (and dW_hr = dHᵀ·H_raw with projection).
 * Consumes the saved activations of the {@link ForwardPass} (dG overwrites the gates in place) and
 * releases them as it goes.
 */
final class BackwardPass {
    private final ForwardPass fp;
    final DirectionGrads[] grads;
    final Buf dh0;
    final Buf dc0;
    Buf dx;

    BackwardPass(ForwardPass fp) {
        this.fp = fp;
        RecurrentSpec spec = fp.spec;
        int layerDirs = spec.numLayers() * spec.dirs(), b = fp.plan.batch();
        this.grads = new DirectionGrads[layerDirs];
        this.dh0 = Buf.zeros(fp.dtype, layerDirs * b * spec.outSize());
        this.dc0 = spec.kind().isLstm() ? Buf.zeros(fp.dtype, layerDirs * b * spec.hiddenSize()) : null;
    }

    /**
     * @param dy   gradient of the top layer's output, time-major (T·B, D·Hr), or null
     * @param dhN  gradient of the final h (L·D, B, Hr), or null
     * @param dcN  gradient of the final c (L·D, B, H), or null
     * @param needInputGrad whether to compute dX for the stack's input (into {@link #dx})
     */
    void run(Buf dy, Buf dhN, Buf dcN, boolean needInputGrad) {
        RecurrentSpec spec = fp.spec;
        int rows = fp.plan.time() * fp.plan.batch();
        Buf dOut = dy;
        for (int l = spec.numLayers() - 1; l >= 0; l--) {
            Buf dIn = l > 0 || needInputGrad ? Buf.reusedZeros(fp.dtype, rows * spec.layerInput(l)) : null;
            for (int d = 0; d < spec.dirs(); d++) {
                DirectionBackward db = new DirectionBackward(fp, l, d, dhN, dcN);
                grads[db.layerDir] = db.run(dOut, fp.layerInput[l], dIn, dh0, dc0);
            }
            Buf.recycle(fp.layerInput[l]);   // private: the stack's input copy or the layer below's output
            fp.layerInput[l] = null;
            if (dOut != dy) Buf.recycle(dOut);   // the layer above's dIn
            if (l > 0) {
                Buf mask = fp.masks.between(l - 1);
                if (mask != null) Buf.mul(dIn, 0, mask, 0, dIn, 0, rows * spec.layerInput(l));
            }
            dOut = dIn;
        }
        dx = dOut;
    }
}
