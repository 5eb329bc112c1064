package io.seqlearn.train;

import io.seqlearn.io.ModelFileException;
import io.seqlearn.layers.LayerConfig;
import io.seqlearn.tensor.Backends;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "trainer" blob of a checkpoint (schema owned here, version 1):
 * <pre>
 * {"schema": 1, "epoch": 3, "global_step": 150, "seed": 42, "threads": 2,
 *  "history": {"epochs": [0, 1, 2], "values": {"loss": [...], "val_loss": [...]}},
 *  "callbacks": [{"type": "io.seqlearn.train.EarlyStopping", "state": {"wait": 1, "best": 0.31, ...}}]}
 * </pre>
 * There is no RNG state to store: every random stream of a run is derived from the seed and the epoch/step
 * counters (see {@link Model}). The model seed is kept for reference; weights already hold its effect.
 * "threads" is the thread count of the weights' backend: results depend on it (the CPU backend splits
 * sums and GEMMs by it), so a resume with another count is warned about (absent in older files: 0).
 */
record TrainerBlob(int epoch, long globalStep, int threads, History history, List<TrainingState.SavedCallbackState> callbacks) {
    static final int SCHEMA = 1;

    static Map<String, Object> of(Model m, List<Callback> cbs) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("schema", SCHEMA);
        b.put("epoch", m.state.epoch);
        b.put("global_step", m.state.globalStep);
        b.put("seed", m.seed());
        b.put("threads", threadsOf(m));
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("epochs", m.history().epochs());
        h.put("values", m.history().asMap());
        b.put("history", h);
        List<Object> states = new ArrayList<>();
        for (Callback cb : cbs == null ? List.<Callback>of() : cbs) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", cb.getClass().getName());
            entry.put("state", cb.state());
            states.add(entry);
        }
        b.put("callbacks", states);
        return b;
    }

    @SuppressWarnings("unchecked")
    static TrainerBlob read(Map<String, Object> blob, String source) throws ModelFileException {
        try {
            LayerConfig b = new LayerConfig("trainer", blob);
            int schema = b.intValue("schema", 1);
            if (schema > SCHEMA) throw new IllegalArgumentException("schema " + schema + " is newer than this seqlearn reads (" + SCHEMA + ")");
            LayerConfig h = new LayerConfig("trainer.history", b.mapValue("history"));
            List<Integer> epochs = new ArrayList<>();
            for (Object e : h.listValue("epochs")) epochs.add(((Number) e).intValue());
            Map<String, List<Double>> values = new LinkedHashMap<>();
            h.mapValue("values").forEach((k, v) -> {
                List<Double> l = new ArrayList<>();
                for (Object x : (List<Object>) v) l.add(JsonSafe.number(x));
                values.put(k, l);
            });
            List<TrainingState.SavedCallbackState> cbs = new ArrayList<>();
            for (Object o : b.listValue("callbacks")) {
                LayerConfig c = LayerConfig.of("trainer.callbacks[]", o);
                cbs.add(new TrainingState.SavedCallbackState(c.stringValue("type"), c.mapValue("state")));
            }
            return new TrainerBlob(b.intValue("epoch", 0), b.longValue("global_step"), b.intValue("threads", 0),
                    History.of(epochs, values), cbs);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new ModelFileException(source, "bad trainer state: " + e.getMessage(), e);
        }
    }

    /** Threads of the backend the model's weights live on (the process default for a model without weights). */
    static int threadsOf(Model m) {
        List<Tensor> params = m.parameters();
        return (params.isEmpty() ? Backends.defaultBackend() : params.get(0).backend()).threads();
    }

    void applyTo(Model m) {
        m.state.epoch = epoch;
        m.state.globalStep = globalStep;
        m.state.checkpointThreads = threads;
        m.state.history = history;
        m.state.pendingCallbackStates = callbacks;
    }
}
