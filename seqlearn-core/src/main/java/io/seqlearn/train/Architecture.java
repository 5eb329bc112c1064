package io.seqlearn.train;

import io.seqlearn.layers.Input;
import io.seqlearn.layers.Layer;
import io.seqlearn.layers.LayerConfig;
import io.seqlearn.layers.LayerRegistry;
import io.seqlearn.layers.SymbolicTensor;
import io.seqlearn.tensor.DType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a model from its architecture JSON (what {@link Model#architecture()} wrote): layers through the
 * registry with their names and dtypes, then the stack or graph, then the weights' shapes by building.
 * Malformed input fails with an {@link IllegalArgumentException} naming the key.
 */
final class Architecture {
    private Architecture() {}

    /**
     * Rebuilds the model; {@code weightBudget} caps how many weight elements the layers may allocate (a file's
     * real weight count), checked from each layer's {@link Layer#plannedWeightCount} before anything is built.
     */
    static Model rebuild(Map<String, Object> arch, LayerRegistry registry, long weightBudget) {
        LayerConfig a = new LayerConfig("architecture", arch);
        String kind = a.stringValue("class");
        return switch (kind) {
            case "Sequential" -> sequential(a, registry, weightBudget);
            case "Functional" -> functional(a, registry, weightBudget);
            default -> throw new IllegalArgumentException("architecture: unknown model class '" + kind
                    + "'; expected Sequential or Functional");
        };
    }

    private static Map<String, Layer> layers(LayerConfig a, LayerRegistry registry) {
        Map<String, Layer> out = new LinkedHashMap<>();
        List<Object> ls = a.listValue("layers");
        for (int i = 0; i < ls.size(); i++) {
            LayerConfig d = LayerConfig.of("architecture.layers[" + i + "]", ls.get(i));
            Layer l = registry.create(d.stringValue("type"), d.mapValue("config"));
            l.named(d.stringValue("name"));
            l.dtype(dtype(d.stringValue("dtype", "F32")));
            if (out.put(l.name(), l) != null) throw new IllegalArgumentException("architecture: two layers named '" + l.name() + "'");
        }
        return out;
    }

    private static DType dtype(String s) {
        try {
            return DType.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("architecture: unknown dtype '" + s + "'");
        }
    }

    private static Sequential sequential(LayerConfig a, LayerRegistry registry, long budget) {
        Sequential m = new Sequential(a.stringValue("name", "sequential"), layers(a, registry).values().toArray(new Layer[0]));
        m.seed(a.longValue("seed"));
        int[] shape = a.intArray("input_shape");
        long planned = 0;
        for (Layer l : m.layers()) {
            planned = plan(planned, l, shape, budget);
            shape = l.outputShapes(Map.of(Layer.X, shape)).get(0);
        }
        m.build(a.intArray("input_shape"));
        return m;
    }

    /** Adds a layer's planned weights to the running total; refuses to pass the budget. */
    private static long plan(long total, Layer l, int[] inputShape, long budget) {
        long n = l.plannedWeightCount(inputShape);
        long sum = n > 0 ? Math.addExact(total, n) : total;
        if (sum > budget) {
            throw new IllegalArgumentException("the architecture needs at least " + sum + " weights but the file holds only " + budget);
        }
        return sum;
    }

    private static FunctionalModel functional(LayerConfig a, LayerRegistry registry, long budget) {
        Map<String, Layer> byName = layers(a, registry);
        Map<String, SymbolicTensor> inputs = new LinkedHashMap<>();
        List<Object> ins = a.listValue("inputs");
        for (int i = 0; i < ins.size(); i++) {
            LayerConfig d = LayerConfig.of("architecture.inputs[" + i + "]", ins.get(i));
            String name = d.stringValue("name");
            inputs.put(name, Input.of(name, d.intArray("shape")));
        }
        List<List<SymbolicTensor>> callOutputs = new ArrayList<>();
        List<Object> calls = a.listValue("calls");
        for (int i = 0; i < calls.size(); i++) {
            LayerConfig c = LayerConfig.of("architecture.calls[" + i + "]", calls.get(i));
            Layer l = byName.get(c.stringValue("layer"));
            if (l == null) throw new IllegalArgumentException("architecture.calls[" + i + "]: no layer '" + c.stringValue("layer") + "'");
            Map<String, SymbolicTensor> args = new LinkedHashMap<>();
            c.mapValue("inputs").forEach((role, ref) -> args.put(role, resolve(ref, inputs, callOutputs)));
            callOutputs.add(l.call(args));
        }
        List<SymbolicTensor> outs = new ArrayList<>();
        for (Object ref : a.listValue("outputs")) outs.add(resolve(ref, inputs, callOutputs));
        FunctionalModel m = new FunctionalModel(a.stringValue("name", "model"), List.copyOf(inputs.values()), outs);
        m.seed(a.longValue("seed"));
        long planned = 0;
        java.util.Set<Layer> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (var call : m.calls()) {
            if (seen.add(call.layer())) planned = plan(planned, call.layer(), call.inputs().get(Layer.X).shape(), budget);
        }
        return m.build();
    }

    /** "input:name" or "call:i:j" (output j of an earlier call i). */
    private static SymbolicTensor resolve(Object ref, Map<String, SymbolicTensor> inputs, List<List<SymbolicTensor>> calls) {
        if (ref instanceof String s) {
            if (s.startsWith("input:") && inputs.containsKey(s.substring(6))) return inputs.get(s.substring(6));
            String[] p = s.split(":");
            if (p.length == 3 && p[0].equals("call")) {
                try {
                    int i = Integer.parseInt(p[1]), j = Integer.parseInt(p[2]);
                    if (i >= 0 && i < calls.size() && j >= 0 && j < calls.get(i).size()) return calls.get(i).get(j);
                } catch (NumberFormatException e) {
                    // fall through to the error below
                }
            }
        }
        throw new IllegalArgumentException("architecture: bad tensor reference " + ref
                + " (expected \"input:<name>\" or \"call:<earlier call>:<output>\")");
    }
}
