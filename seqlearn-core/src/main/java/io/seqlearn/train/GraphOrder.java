package io.seqlearn.train;

import io.seqlearn.layers.Layer;
import io.seqlearn.layers.LayerCall;
import io.seqlearn.layers.SymbolicTensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orders a functional graph's layer calls (inputs before users) and writes it as architecture JSON. */
final class GraphOrder {
    private GraphOrder() {}

    /**
     * The calls the outputs depend on, each after the calls producing its inputs (iterative post-order DFS:
     * deep graphs must not overflow the stack). Symbolic tensors are immutable and made after their inputs, so
     * the graph cannot have cycles. Fails when an output depends on an input not in {@code inputs}.
     */
    static List<LayerCall> calls(String model, List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
        Set<SymbolicTensor> allowed = Collections.newSetFromMap(new IdentityHashMap<>());
        allowed.addAll(inputs);
        Set<LayerCall> done = Collections.newSetFromMap(new IdentityHashMap<>());
        List<LayerCall> order = new ArrayList<>();
        for (SymbolicTensor out : outputs) {
            if (out.isInput()) {
                requireAllowed(model, out, allowed);
                continue;
            }
            List<LayerCall> stack = new ArrayList<>(List.of(out.producer()));
            while (!stack.isEmpty()) {
                LayerCall c = stack.get(stack.size() - 1);
                if (done.contains(c)) {
                    stack.remove(stack.size() - 1);
                    continue;
                }
                boolean ready = true;
                // Pushed last-first so the first input's producers run first, keeping call order = creation order.
                List<SymbolicTensor> ins = new ArrayList<>(c.inputs().values());
                Collections.reverse(ins);
                for (SymbolicTensor in : ins) {
                    if (in.isInput()) {
                        requireAllowed(model, in, allowed);
                    } else if (!done.contains(in.producer())) {
                        stack.add(in.producer());
                        ready = false;
                    }
                }
                if (ready) {
                    stack.remove(stack.size() - 1);
                    done.add(c);
                    order.add(c);
                }
            }
        }
        return order;
    }

    private static void requireAllowed(String model, SymbolicTensor in, Set<SymbolicTensor> allowed) {
        if (!allowed.contains(in)) {
            throw new IllegalArgumentException(model + ": the outputs depend on input '" + in.inputName()
                    + "', which is not among the model's inputs");
        }
    }

    /** Architecture JSON: inputs, layers (type, name, config, build shape), calls by reference, outputs. */
    static Map<String, Object> describe(Model m, List<SymbolicTensor> inputs, List<SymbolicTensor> outputs,
                                        List<LayerCall> calls, List<Layer> layers) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("class", "Functional");
        a.put("name", m.name());
        a.put("seed", m.seed());
        List<Object> ins = new ArrayList<>();
        for (SymbolicTensor t : inputs) {
            int[] s = t.shape();
            ins.add(Map.of("name", t.inputName(), "shape", java.util.Arrays.copyOfRange(s, 1, s.length)));
        }
        a.put("inputs", ins);
        List<Object> ls = new ArrayList<>();
        for (Layer l : layers) ls.add(LayerNames.describe(l));
        a.put("layers", ls);
        List<Object> cs = new ArrayList<>();
        for (LayerCall c : calls) {
            Map<String, Object> refs = new LinkedHashMap<>();
            c.inputs().forEach((role, t) -> refs.put(role, ref(t, calls)));
            cs.add(Map.of("layer", c.layer().name(), "inputs", refs));
        }
        a.put("calls", cs);
        a.put("outputs", outputs.stream().map(t -> ref(t, calls)).toList());
        return a;
    }

    /** "input:tokens" or "call:3:0" (output 0 of call 3). */
    static String ref(SymbolicTensor t, List<LayerCall> calls) {
        if (t.isInput()) return "input:" + t.inputName();
        for (int i = 0; i < calls.size(); i++) if (calls.get(i) == t.producer()) return "call:" + i + ":" + t.index();
        throw new IllegalStateException("tensor " + t + " is not produced by a call of this model");
    }
}
