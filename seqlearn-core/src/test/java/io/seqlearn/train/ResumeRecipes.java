package io.seqlearn.train;

import io.seqlearn.data.TrainingData;
import io.seqlearn.data.loader.ClassificationData;
import io.seqlearn.data.loader.DataLoader;
import io.seqlearn.layers.Dense;
import io.seqlearn.layers.Dropout;
import io.seqlearn.layers.Embedding;
import io.seqlearn.layers.GRU;
import io.seqlearn.layers.Input;
import io.seqlearn.layers.LSTM;
import io.seqlearn.layers.Layer;
import io.seqlearn.layers.Recurrent;
import io.seqlearn.layers.SymbolicTensor;
import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.optim.Adam;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two small training runs of {@link CrossProcessResumeTest}, built identically in every process: the
 * model, its compile recipe, the data, the fit options and the callbacks (same types in the same order,
 * since callback state is restored by position and type).
 */
enum ResumeRecipes {
    /**
     * Embedding → LSTM (fused fast path, per-sample lengths) → Dropout → Dense tanh (the backend's vector
     * TANH kernel) → Dense, Adam; variable-length texts through a {@link DataLoader} that buckets by length
     * and prefetches on its own thread; 4 steps per epoch.
     */
    LSTM_CLASSIFIER(64, 16) {
        @Override Model model() {
            SymbolicTensor tokens = Input.of("tokens", -1), lengths = Input.of("lengths");
            SymbolicTensor x = new Embedding(10, 8).call(tokens);
            SymbolicTensor h = new LSTM(16).call(Map.of(Layer.X, x, Recurrent.LENGTHS, lengths)).get(0);
            SymbolicTensor hidden = new Dense(16, "tanh").call(new Dropout(0.2).call(h));
            SymbolicTensor label = new Dense(2).named("label").call(hidden);
            return Model.of(List.of(tokens, lengths), List.of(label)).seed(11);
        }

        @Override void compile(Model m) { m.compile(p -> new Adam(p, 0.01), new CrossEntropyLoss()); }

        @Override TrainingData data() {
            return DataLoader.of(lastTokenTexts(samples, 10, 10, 5).bucketing(2)).prefetch(2).build().asTrainingData();
        }

        @Override FitOptions options() { return base(); }
    },

    /**
     * Embedding → GRU (sequences) → Transformer encoder block (attention, GELU, layer norm) → Dropout → Dense
     * sigmoid (the vector EXP kernel) → Dense per token, Adam with gradient clipping; 2 steps per epoch. Its
     * custom layer is not in the registry, so it resumes through {@link Model#restore} into a model built in
     * code.
     */
    GRU_TRANSFORMER_TAGGER(16, 8) {
        @Override Model model() {
            Sequential s = new Sequential(new Embedding(VOCAB, 8), new GRU(8, true, false), new EncoderBlock(2, 16),
                    new Dropout(0.2), new Dense(16, "sigmoid"), new Dense(VOCAB));
            s.seed(12);
            return s.input(-1);  // built now: restore() needs the weights to exist
        }

        @Override void compile(Model m) {
            m.compile(p -> new Adam(p, 0.005),
                    new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true)));
        }

        @Override TrainingData data() { return previousToken(samples, 6, 13); }

        @Override FitOptions options() { return base().withClipNorm(1.0); }
    };

    private static final int VOCAB = 9;
    final int samples;
    final int batchSize;

    ResumeRecipes(int samples, int batchSize) {
        this.samples = samples;
        this.batchSize = batchSize;
    }

    /** A fresh, unbuilt model with its fixed seed. */
    abstract Model model();

    abstract void compile(Model m);

    abstract TrainingData data();

    abstract FitOptions options();

    FitOptions base() { return FitOptions.defaults().withBatchSize(batchSize).withSeed(29).quiet(); }

    /** The checkpoint written after epoch {@code epochsDone} (1-based, as {@code {epoch:02d}} counts). */
    static Path checkpoint(Path dir, int epochsDone) { return dir.resolve(String.format("ckpt-%02d.safetensors", epochsDone)); }

    /**
     * Callbacks of every run: learning-rate plateau logic (state to carry), a checkpoint per epoch (last of
     * the stateful ones, so theirs is included), and the kill gate.
     */
    static List<Callback> callbacks(Path dir, Callback gate) {
        return List.of(new ReduceLROnPlateau("loss", 0.5, 0, 10, 0, 0, Monitor.Mode.AUTO),
                new ModelCheckpoint(dir.resolve("ckpt-{epoch:02d}.safetensors").toString()), gate);
    }

    /** Texts of 2..maxLen tokens in [1, vocab); the label is 1 when the last token is ≥ vocab/2. */
    static ClassificationData lastTokenTexts(int n, int maxLen, int vocab, long seed) {
        Rng rng = new Rng(seed);
        List<int[]> texts = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int[] ids = new int[2 + rng.nextInt(maxLen - 1)];
            for (int t = 0; t < ids.length; t++) ids[t] = 1 + rng.nextInt(vocab - 1);
            texts.add(ids);
            labels[i] = ids[ids.length - 1] >= vocab / 2 ? 1 : 0;
        }
        return ClassificationData.of(texts, labels);
    }

    /** Tokens in [1, VOCAB); the target at t is the token at t − 1 (0 at t = 0): needs recurrence or attention. */
    static ArrayData previousToken(int n, int len, long seed) {
        Rng rng = new Rng(seed);
        float[] ids = new float[n * len], targets = new float[n * len];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < len; t++) {
                ids[i * len + t] = 1 + rng.nextInt(VOCAB - 1);
                targets[i * len + t] = t == 0 ? 0 : ids[i * len + t - 1];
            }
        }
        return ArrayData.of(Tensor.of(ids, n, len), Tensor.of(targets, n, len));
    }
}
