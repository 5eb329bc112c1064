package io.seqlearn.nn.transformer;

import io.seqlearn.nn.Module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An indexed list of layers whose state_dict names are {@code 0.…}, {@code 1.…} (PyTorch's ModuleList). */
final class LayerList<M extends Module> extends Module {
    private final List<M> items = new ArrayList<>();

    LayerList(List<M> layers) {
        for (M m : layers) items.add(registerModule(String.valueOf(items.size()), m));
    }

    List<M> items() { return Collections.unmodifiableList(items); }
}
