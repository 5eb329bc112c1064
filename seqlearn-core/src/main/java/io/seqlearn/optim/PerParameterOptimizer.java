package io.seqlearn.optim;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of optimizers whose update is element-wise per parameter (all of torch.optim's classic ones). It
 * checks gradients, counts steps per parameter (a parameter without a gradient is skipped and its count
 * does not advance, as PyTorch), and hands each subclass flat storage to update in place in a tight loop:
 * no tensors are allocated per step.
 *
 * <p>State dict: {@code "lr"}, {@code "{i}.step"} and {@code "{i}.{buffer}"} for parameter index i. The
 * buffers are live views; copy them to keep a snapshot across later steps.
 */
public abstract class PerParameterOptimizer extends Optimizer {
    private final ParamState[] states;

    protected PerParameterOptimizer(List<Tensor> params, double lr) {
        super(params, lr);
        states = new ParamState[this.params.size()];
        for (int i = 0; i < states.length; i++) {
            Tensor p = this.params.get(i);
            if (!p.isContiguous()) {
                throw new IllegalArgumentException(name() + ": parameter " + i + " of shape "
                        + Shapes.str(p.shapeRef()) + " is not contiguous");
            }
            states[i] = new ParamState(p);
        }
    }

    /** Short name used in errors, e.g. "Adam". */
    protected String name() { return getClass().getSimpleName(); }

    /** Updates {@code n} elements of an F32 parameter in place from its gradient. */
    protected abstract void updateF(float[] p, int po, float[] g, int go, int n, ParamState s);

    /** Updates {@code n} elements of an F64 parameter in place from its gradient. */
    protected abstract void updateD(double[] p, int po, double[] g, int go, int n, ParamState s);

    @Override
    public void step() {
        for (int i = 0; i < states.length; i++) {
            Tensor p = params.get(i);
            if (p.grad() == null) continue;
            Tensor g = checkedGrad(i, p);
            ParamState s = states[i];
            s.increment();
            if (p.dtype() == DType.F32) updateF(p.dataF(), p.offset(), g.dataF(), g.offset(), p.numel(), s);
            else updateD(p.dataD(), p.offset(), g.dataD(), g.offset(), p.numel(), s);
        }
    }

    private Tensor checkedGrad(int i, Tensor p) {
        Tensor g = p.grad();
        if (!Shapes.same(g.shapeRef(), p.shapeRef())) {
            throw new ShapeException(name() + ": gradient of parameter " + i + " expected " + Shapes.str(p.shapeRef())
                    + ", got " + Shapes.str(g.shapeRef()));
        }
        if (g.dtype() != p.dtype()) {
            throw new IllegalArgumentException(name() + ": gradient of parameter " + i + " is " + g.dtype()
                    + ", parameter is " + p.dtype());
        }
        return g.contiguousNoGrad();
    }

    /** State of parameter {@code i}. */
    protected ParamState state(int i) { return states[i]; }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("lr", Tensor.scalar(lr, DType.F64));
        for (int i = 0; i < states.length; i++) {
            if (states[i].step() == 0 && states[i].buffers().isEmpty()) continue;
            out.put(i + ".step", Tensor.scalar(states[i].step(), DType.F64));
            for (var e : states[i].buffers().entrySet()) out.put(i + "." + e.getKey(), e.getValue());
        }
        return out;
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        for (ParamState s : states) s.clear();
        for (var e : state.entrySet()) {
            String key = e.getKey();
            if (key.equals("lr")) {
                lr = e.getValue().item();
                continue;
            }
            int dot = key.indexOf('.');
            int i = dot > 0 ? parseIndex(key.substring(0, dot)) : -1;
            if (i < 0 || i >= states.length) {
                throw new IllegalArgumentException(name() + ": state key '" + key + "' names no parameter (have "
                        + states.length + ")");
            }
            load(i, key.substring(dot + 1), e.getValue());
        }
    }

    private void load(int i, String slot, Tensor value) {
        Tensor p = params.get(i);
        if (slot.equals("step")) {
            states[i].setStep((long) value.item());
            return;
        }
        if (!Shapes.same(value.shapeRef(), p.shapeRef())) {
            throw new ShapeException(name() + ": state '" + i + "." + slot + "' expected " + Shapes.str(p.shapeRef())
                    + ", got " + Shapes.str(value.shapeRef()));
        }
        Tensor copy = p.newZeros(p.shapeRef());
        copy.copyFrom(value.dtype() == p.dtype() ? value : value.detach().to(p.dtype()));
        states[i].put(slot, copy);
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
