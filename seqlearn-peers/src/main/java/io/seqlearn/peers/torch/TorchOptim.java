package io.seqlearn.peers.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The optimizer updates of the end-to-end rows, written with libtorch ops through DJL so that they are
 * the same arithmetic as torch.optim (not DJL's own Adam, whose native update folds the bias correction
 * into the learning rate and clones every gradient).
 *
 * <ul>
 *   <li>{@link #adam}: torch.optim.Adam's single-tensor path (PyTorch 2.7 {@code _single_tensor_adam},
 *       the CPU default): m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²;
 *       p -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + ε).</li>
 *   <li>{@link #clipGradNorm} + {@link #sgd}: torch.nn.utils.clip_grad_norm_ (global L2 norm over all
 *       gradients, scale by min(1, max/(norm+1e-6))) then torch.optim.SGD without momentum: p -= lr·g.</li>
 * </ul>
 * Updates run with autograd off (DJL turns it on only inside a GradientCollector). Temporaries are attached
 * to the step's manager so they are freed with it.
 */
final class TorchOptim {
    private TorchOptim() {}

    /** Zeroes every parameter's .grad in place (optimizer.zero_grad(set_to_none=False)). */
    static void zeroGrad(NDList params) {
        for (NDArray p : params) JniUtils.zeroGrad((PtNDArray) p);
    }

    /** The state of Adam for a parameter list: first and second moments, and the step count. */
    static final class Adam {
        private final NDList params, m, v;
        private final float lr, beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
        private int t;

        Adam(NDManager root, NDList params, float lr) {
            this.params = params;
            this.lr = lr;
            this.m = new NDList();
            this.v = new NDList();
            for (NDArray p : params) {
                m.add(root.zeros(p.getShape()));
                v.add(root.zeros(p.getShape()));
            }
        }

        void step(NDManager step) {
            t++;
            double bc1 = 1 - Math.pow(beta1, t), bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
            float stepSize = (float) (lr / bc1);
            for (int i = 0; i < params.size(); i++) {
                NDArray g = grad(params.get(i), step), mi = m.get(i), vi = v.get(i);
                mi.muli(beta1).addi(g.mul(1 - beta1));
                vi.muli(beta2).addi(g.square().muli(1 - beta2));
                NDArray denom = on(step, vi.sqrt()).divi((float) bc2Sqrt).addi(eps);
                params.get(i).subi(on(step, mi.div(denom)).muli(stepSize));
            }
            zeroGrad(params);
        }
    }

    /** torch.nn.utils.clip_grad_norm_: returns the norm before clipping. */
    static float clipGradNorm(NDList params, float maxNorm, NDManager step) {
        double sumSq = 0;
        for (NDArray p : params) {
            float n = grad(p, step).norm().getFloat();
            sumSq += (double) n * n;
        }
        float norm = (float) Math.sqrt(sumSq);
        float coef = Math.min(1f, maxNorm / (norm + 1e-6f));
        for (NDArray p : params) grad(p, step).muli(coef);
        return norm;
    }

    /** torch.optim.SGD (no momentum, no weight decay): p -= lr·g, then zero the gradients. */
    static void sgd(NDList params, float lr, NDManager step) {
        for (NDArray p : params) p.subi(grad(p, step).mul(lr));
        zeroGrad(params);
    }

    /** A handle on p's .grad (same storage), owned by the step so the handle is freed with it. */
    static NDArray grad(NDArray p, NDManager step) {
        return on(step, p.getGradient());
    }

    static NDArray on(NDManager step, NDArray a) {
        a.attach(step);
        return a;
    }
}
