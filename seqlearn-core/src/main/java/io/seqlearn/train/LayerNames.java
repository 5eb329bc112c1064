package io.seqlearn.train;

import io.seqlearn.layers.Layer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Unique layer names within a model ("dense", "dense_1", …, as Keras) and each layer's saved description. */
final class LayerNames {
    private LayerNames() {}

    /** Names {@code layer} if unnamed; rejects a name already used by one of {@code existing}. */
    static void assign(Layer layer, Collection<Layer> existing) {
        for (Layer e : existing) {
            if (e == layer) throw new IllegalArgumentException("layer '" + layer.name() + "' added twice; reuse it with a functional model");
        }
        if (layer.name() != null) {
            for (Layer e : existing) {
                if (layer.name().equals(e.name())) throw new IllegalArgumentException("two layers are named '" + layer.name() + "'");
            }
            return;
        }
        String stem = layer.nameStem();
        String candidate = stem;
        for (int k = 1; taken(candidate, existing); k++) candidate = stem + "_" + k;
        layer.named(candidate);
    }

    private static boolean taken(String name, Collection<Layer> existing) {
        for (Layer e : existing) if (name.equals(e.name())) return true;
        return false;
    }

    /** {type, name, dtype, build_input_shape, config}: what Model.load needs to rebuild the layer. */
    static Map<String, Object> describe(Layer l) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", l.typeName());
        d.put("name", l.name());
        d.put("dtype", l.dtype().name());
        d.put("build_input_shape", l.builtInputShape());
        d.put("config", l.config());
        return d;
    }
}
