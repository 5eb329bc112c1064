package io.seqlearn.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Type name → factory, used to rebuild layers from architecture JSON ({@code Model.load}). Each registry is an
 * ordinary object (no global state): {@link #builtins()} returns a fresh one holding every layer of this
 * package; add your own layers with {@link #register}.
 *
 * <pre>{@code
 * LayerRegistry reg = LayerRegistry.builtins().register("MyLayer", (cfg, r) -> new MyLayer(cfg.intValue("n", 1)));
 * Model m = Model.load(path, reg);
 * }</pre>
 */
public final class LayerRegistry {
    /** Builds a layer from its config; the registry is passed for wrappers such as Bidirectional. */
    @FunctionalInterface
    public interface Factory {
        Layer create(LayerConfig config, LayerRegistry registry);
    }

    private final Map<String, Factory> factories = new LinkedHashMap<>();

    private LayerRegistry() {}

    /** A new registry with the built-in layers. */
    public static LayerRegistry builtins() {
        LayerRegistry r = new LayerRegistry();
        r.register("Dense", (c, reg) -> Dense.fromConfig(c));
        r.register("Embedding", (c, reg) -> Embedding.fromConfig(c));
        r.register("Dropout", (c, reg) -> Dropout.fromConfig(c));
        r.register("LayerNormalization", (c, reg) -> LayerNormalization.fromConfig(c));
        r.register("Concatenate", (c, reg) -> Concatenate.fromConfig(c));
        r.register("Add", (c, reg) -> Add.fromConfig(c));
        r.register("LSTM", (c, reg) -> LSTM.fromConfig(c));
        r.register("GRU", (c, reg) -> GRU.fromConfig(c));
        r.register("SimpleRNN", (c, reg) -> SimpleRNN.fromConfig(c));
        r.register("Bidirectional", Bidirectional::fromConfig);
        return r;
    }

    /** Adds or replaces the factory for {@code type}; returns this. */
    public LayerRegistry register(String type, Factory factory) {
        factories.put(type, factory);
        return this;
    }

    /** Builds an unbuilt layer of {@code type} from its config map. */
    public Layer create(String type, Map<String, Object> config) {
        Factory f = factories.get(type);
        if (f == null) {
            throw new IllegalArgumentException("unknown layer type '" + type + "'; known: " + new TreeSet<>(factories.keySet())
                    + " (register custom layers with LayerRegistry.register)");
        }
        return f.create(new LayerConfig(type, config == null ? Map.of() : config), this);
    }

    public boolean knows(String type) { return factories.containsKey(type); }
}
