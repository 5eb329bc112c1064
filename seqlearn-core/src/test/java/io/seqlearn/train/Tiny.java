package io.seqlearn.train;

import io.seqlearn.loss.Loss;
import io.seqlearn.optim.Optimizer;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Minimal optimizer, loss and metric for training-loop tests (independent of io.seqlearn.optim). */
public final class Tiny {
    private Tiny() {}

    /** Plain SGD with momentum (state to checkpoint). */
    public static final class Sgd extends Optimizer {
        private final double momentum;
        private final Map<Integer, Tensor> velocity = new LinkedHashMap<>();

        public Sgd(List<Tensor> params, double lr, double momentum) {
            super(params, lr);
            this.momentum = momentum;
        }

        public Sgd(List<Tensor> params, double lr) { this(params, lr, 0); }

        @Override
        public void step() {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                Tensor g = p.grad();
                if (g == null) continue;
                Tensor v = velocity.computeIfAbsent(i, k -> p.newZeros(p.shapeRef()));
                Tensor gc = g.contiguousNoGrad();
                for (int j = 0; j < p.numel(); j++) {
                    double vj = momentum * v.at(j) + gc.at(gc.offset() + j);
                    v.put(j, vj);
                    p.put(p.offset() + j, p.at(p.offset() + j) - lr * vj);
                }
            }
        }

        @Override
        public Map<String, Tensor> stateDict() {
            Map<String, Tensor> s = new LinkedHashMap<>();
            s.put("lr", Tensor.scalar(lr, DType.F64));
            velocity.forEach((i, v) -> s.put(i + ".velocity", v));
            return s;
        }

        @Override
        public void loadStateDict(Map<String, Tensor> state) {
            velocity.clear();
            state.forEach((k, v) -> {
                if (k.equals("lr")) lr = v.item();
                else velocity.put(Integer.parseInt(k.substring(0, k.indexOf('.'))), v.detach().copy());
            });
        }
    }

    /** Mean squared error. */
    public static final Loss MSE = new Loss() {
        @Override public Tensor apply(Tensor p, Tensor t) { return p.sub(t).square().mean(); }

        @Override public String name() { return "mse"; }
    };

    /** Cross-entropy of logits (B, C) against class ids (B). */
    public static final Loss XENT = new Loss() {
        @Override public Tensor apply(Tensor logits, Tensor target) {
            Tensor logp = logits.logSoftmax(-1);
            Tensor picked = logp.gather(1, target.unsqueeze(1).to(logits.dtype()));
            return picked.mean().neg();
        }

        @Override public String name() { return "xent"; }
    };

    /** Accuracy of argmax(logits) against class ids. */
    public static final class Accuracy implements EpochMetric {
        private long right;
        private long total;

        @Override public String name() { return "accuracy"; }

        @Override public void reset() { right = total = 0; }

        @Override public void update(Tensor logits, Tensor target) {
            Tensor pred = logits.argmax(-1, false);
            for (int i = 0; i < pred.numel(); i++) {
                if (pred.get(i) == target.get(i)) right++;
                total++;
            }
        }

        @Override public double result() { return total == 0 ? 0 : (double) right / total; }
    }
}
