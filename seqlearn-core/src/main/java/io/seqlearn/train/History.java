package io.seqlearn.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-epoch logs of a training run, as Keras' {@code History}: for every key ("loss", "val_loss",
 * "accuracy", "learning_rate", …) the values in epoch order. It continues across {@code fit} calls and is
 * saved in checkpoints, so a resumed run has the whole curve. Plot it with {@code io.seqlearn.plot.HistoryPlot}.
 */
public final class History {
    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    /** Appends one epoch's logs (0-based epoch index); keys new to this epoch are back-filled with NaN. */
    public void append(int epoch, Map<String, Double> logs) {
        for (String k : logs.keySet()) {
            values.computeIfAbsent(k, key -> {
                List<Double> l = new ArrayList<>();
                for (int i = 0; i < epochs.size(); i++) l.add(Double.NaN);
                return l;
            });
        }
        epochs.add(epoch);
        for (var e : values.entrySet()) e.getValue().add(logs.getOrDefault(e.getKey(), Double.NaN));
    }

    /** 0-based epoch indices, one per logged epoch. */
    public List<Integer> epochs() { return Collections.unmodifiableList(epochs); }

    /** Values of {@code key} in epoch order. */
    public List<Double> get(String key) {
        List<Double> v = values.get(key);
        if (v == null) throw new IllegalArgumentException("history: no key '" + key + "'; have " + values.keySet());
        return Collections.unmodifiableList(v);
    }

    /** The last value of {@code key}. */
    public double last(String key) {
        List<Double> v = get(key);
        if (v.isEmpty()) throw new IllegalStateException("history: no epochs logged");
        return v.get(v.size() - 1);
    }

    public boolean has(String key) { return values.containsKey(key); }

    /** Keys in first-logged order. */
    public List<String> keys() { return List.copyOf(values.keySet()); }

    /** Number of logged epochs. */
    public int size() { return epochs.size(); }

    /** All values by key (copies), as Keras' {@code history.history}. */
    public Map<String, List<Double>> asMap() {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    /** Rebuilds a history from {@link #epochs()} and {@link #asMap()} (checkpoint loading). */
    public static History of(List<Integer> epochs, Map<String, List<Double>> values) {
        History h = new History();
        h.epochs.addAll(epochs);
        values.forEach((k, v) -> {
            if (v.size() != epochs.size()) {
                throw new IllegalArgumentException("history: '" + k + "' has " + v.size() + " values for " + epochs.size() + " epochs");
            }
            h.values.put(k, new ArrayList<>(v));
        });
        return h;
    }
}
