package io.seqlearn.autograd;

import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode differentiation over the recorded graph. The topological order is built with an explicit
 * stack, not recursion, because unrolled recurrent graphs can be 100,000 nodes deep.
 */
public final class Engine {
    private Engine() {}

    /**
     * Accumulates d(root)/d(leaf) into every leaf's {@code grad} ({@code +=}). {@code gradRoot} null means 1
     * and requires a one-element root.
     */
    public static void backward(Tensor root, Tensor gradRoot) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: tensor does not require grad (no input had requiresGrad)");
        }
        Tensor seed = seedGradient(root, gradRoot);
        if (root.isLeaf()) {
            accumulate(root, seed, false);
            return;
        }
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, seed);
        try (var g = GradMode.disabled()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor gt = grads.remove(t);
                if (gt == null) continue;
                if (t.retainsGrad()) accumulate(t, gt, false);
                Node node = t.gradFn();
                Tensor[] inputs = node.inputs();
                Tensor[] inGrads = node.backward(gt);
                for (int k = 0; k < inputs.length; k++) {
                    Tensor in = inputs[k];
                    if (in == null || !in.requiresGrad() || inGrads[k] == null) continue;
                    Tensor gk = checkShape(node, in, inGrads[k]);
                    if (in.isLeaf()) accumulate(in, gk, node.freshGradients());
                    else grads.merge(in, gk, Engine::sum);
                }
            }
        }
    }

    private static Tensor seedGradient(Tensor root, Tensor gradRoot) {
        if (gradRoot == null) {
            if (root.numel() != 1) {
                throw new ShapeException("backward: implicit gradient needs a one-element output, got shape "
                        + Shapes.str(root.shapeRef()) + "; pass an explicit gradient");
            }
            return root.newFull(1.0, root.shapeRef());
        }
        if (!Shapes.same(gradRoot.shapeRef(), root.shapeRef())) {
            throw new ShapeException("backward: gradient expected " + Shapes.str(root.shapeRef())
                    + ", got " + Shapes.str(gradRoot.shapeRef()));
        }
        return gradRoot.dtype() == root.dtype() ? gradRoot : gradRoot.detach().to(root.dtype());
    }

    /** Post-order DFS with an explicit stack; result lists inputs before the tensors that use them. */
    static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[]{root, 0});
        visited.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = t.gradFn().inputs();
            boolean pushed = false;
            while (next < inputs.length) {
                Tensor in = inputs[next++];
                if (in != null && !in.isLeaf() && in.requiresGrad() && visited.put(in, Boolean.TRUE) == null) {
                    frame[1] = next;
                    stack.push(new Object[]{in, 0});
                    pushed = true;
                    break;
                }
            }
            if (!pushed) {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    private static Tensor checkShape(Node node, Tensor input, Tensor grad) {
        if (!Shapes.same(input.shapeRef(), grad.shapeRef())) {
            throw new IllegalStateException("autograd: " + node.name() + " produced a gradient of shape "
                    + Shapes.str(grad.shapeRef()) + " for an input of shape " + Shapes.str(input.shapeRef()));
        }
        return grad;
    }

    private static Tensor sum(Tensor a, Tensor b) { return a.add(b); }

    private static boolean wholeStorage(Tensor g) {
        int storage = g.dtype() == io.seqlearn.tensor.DType.F32 ? g.dataF().length : g.dataD().length;
        return g.gradFn() == null && g.offset() == 0 && g.isContiguous() && g.numel() == storage;
    }

    /**
     * leaf.grad += g. A first gradient becomes a contiguous tensor that aliases nothing else: a copy of g, or
     * g itself when {@code freshGrad} (its node's backward made it for this input alone, {@link Node#recordFresh})
     * and it covers its whole storage.
     */
    private static void accumulate(Tensor leaf, Tensor g, boolean freshGrad) {
        Tensor cur = leaf.grad();
        if (cur == null) {
            if (g.dtype() == leaf.dtype() && g.backend() == leaf.backend()) {
                leaf.setGrad(freshGrad && wholeStorage(g) ? g : g.copy());
            } else {
                Tensor fresh = leaf.newZeros(leaf.shapeRef());
                fresh.copyFrom(g);
                leaf.setGrad(fresh);
            }
        } else {
            Tensor gc = g.dtype() == cur.dtype() ? g.contiguousNoGrad() : g.to(cur.dtype()).contiguousNoGrad();
            if (cur.dtype() == io.seqlearn.tensor.DType.F32) {
                cur.backend().axpy(cur.numel(), 1f, gc.dataF(), gc.offset(), cur.dataF(), cur.offset());
            } else {
                cur.backend().axpy(cur.numel(), 1.0, gc.dataD(), gc.offset(), cur.dataD(), cur.offset());
            }
        }
    }
}
