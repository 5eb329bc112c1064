package io.seqlearn.tasks;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.data.DataFormatException;
import io.seqlearn.data.text.Tokenizer;
import io.seqlearn.io.ModelFile;
import io.seqlearn.io.ModelFileContents;
import io.seqlearn.tasks.nets.ClassifierNet;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text-classification recipe: word tokens (lower-cased, punctuation as tokens), an embedding, a
 * bidirectional LSTM/GRU with max/mean/last/attention pooling or a Transformer encoder, and a softmax over
 * the labels found in the training file. Reports accuracy, macro-F1 and the confusion matrix.
 *
 * <pre>{@code
 * TextClassifier c = TextClassifier.train(LabeledTexts.read(trainTsv), LabeledTexts.read(devTsv),
 *         TextClassifier.Config.defaults("lstm"), TextClassifier.defaultTraining(), RunOptions.quiet());
 * ClassificationReport r = c.evaluate(LabeledTexts.read(testTsv));
 * }</pre>
 *
 * <p>Defaults (RNN): embedding 128, one bidirectional LSTM layer of 128 per direction, max pooling
 * (InferSent), dropout 0.5 before the output (0.25 on embeddings), Adam 1e-3, batch 64, up to 10 epochs,
 * early stop after 3 without validation-accuracy gain. Transformer: 2 pre-norm layers, width 128, 4 heads,
 * feed-forward 256, mean pooling, dropout 0.1.
 */
public final class TextClassifier {
    /**
     * Options of the recipe.
     *
     * @param maxLength longest text in tokens; longer ones are cut
     * @param maxVocab  keep the most frequent words (0 = all)
     */
    public record Config(String arch, String pooling, boolean bidirectional, int embedding, int hidden, int layers,
                         double dropout, int heads, int maxLength, int maxVocab, double validFraction) {
        public Config {
            arch = arch.toLowerCase(Locale.ROOT);
            pooling = pooling.toLowerCase(Locale.ROOT);
            if (!List.of("lstm", "gru", "rnn", "transformer").contains(arch)) {
                throw new IllegalArgumentException("unknown architecture '" + arch + "'; expected lstm, gru, rnn or transformer");
            }
            if (!List.of("max", "mean", "last", "attention").contains(pooling)) {
                throw new IllegalArgumentException("unknown pooling '" + pooling + "'; expected max, mean, last or attention");
            }
            if (embedding < 1 || hidden < 1 || layers < 1 || heads < 1 || maxLength < 1) {
                throw new IllegalArgumentException("text classifier: sizes must be >= 1");
            }
            if (arch.equals("transformer") && embedding % heads != 0) {
                throw new IllegalArgumentException("text classifier: embedding " + embedding + " must be divisible by heads " + heads);
            }
        }

        public static Config defaults(String arch) {
            if (arch.equalsIgnoreCase("transformer")) return new Config(arch, "mean", false, 128, 256, 2, 0.1, 4, 256, 30000, 0.1);
            return new Config(arch, "max", true, 128, 128, 1, 0.5, 4, 256, 30000, 0.1);
        }

        public Config withSizes(int emb, int hid, int lay) { return new Config(arch, pooling, bidirectional, emb, hid, lay, dropout, heads, maxLength, maxVocab, validFraction); }
        public Config withPooling(String v) { return new Config(arch, v, bidirectional, embedding, hidden, layers, dropout, heads, maxLength, maxVocab, validFraction); }
        public Config withBidirectional(boolean v) { return new Config(arch, pooling, v, embedding, hidden, layers, dropout, heads, maxLength, maxVocab, validFraction); }
        public Config withDropout(double v) { return new Config(arch, pooling, bidirectional, embedding, hidden, layers, v, heads, maxLength, maxVocab, validFraction); }
        public Config withHeads(int v) { return new Config(arch, pooling, bidirectional, embedding, hidden, layers, dropout, v, maxLength, maxVocab, validFraction); }
        public Config withMaxLength(int v) { return new Config(arch, pooling, bidirectional, embedding, hidden, layers, dropout, heads, v, maxVocab, validFraction); }
        public Config withMaxVocab(int v) { return new Config(arch, pooling, bidirectional, embedding, hidden, layers, dropout, heads, maxLength, v, validFraction); }
    }

    /** Adam 1e-3, batch 64, 10 epochs, patience 3, clip 5, learning rate halved when validation stalls. */
    public static TrainSettings defaultTraining() {
        return TrainSettings.adam(1e-3).withBatchSize(64).withEpochs(10).withPatience(3).withPlateauFactor(0.5);
    }

    /** A prediction: the most probable label, its probability, and every label's probability. */
    public record Prediction(String label, double probability, Map<String, Double> probabilities) {}

    private final Config config;
    private final Tokenizer tokenizer;
    private final List<String> labels;
    private final ClassifierNet net;
    private Map<String, Object> training = Map.of();
    private TrainResult result;

    private TextClassifier(Config config, Tokenizer tokenizer, List<String> labels, ClassifierNet net) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.labels = List.copyOf(labels);
        this.net = net;
    }

    /** Trains on {@code train}, validating on {@code valid} (or, if null, the last {@code validFraction} of train). */
    public static TextClassifier train(LabeledTexts train, LabeledTexts valid, Config c, TrainSettings s, RunOptions run) {
        ClassifierData data = ClassifierData.prepare(train, valid, c, s.seed());
        ClassifierNet.Config nc = new ClassifierNet.Config(c.arch(), data.tokenizer().vocabSize(), data.labels().size(), c.embedding(),
                c.hidden(), c.layers(), c.bidirectional(), c.pooling(), c.dropout(), c.heads(), c.maxLength());
        TextClassifier tc = new TextClassifier(c, data.tokenizer(), data.labels(), new ClassifierNet(nc, new Rng(s.seed())));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("task", TaskKind.CLASSIFY.id());
        config.put("recipe", c);
        config.put("data", data.summary());
        tc.training = RecipeRun.summary(s, null, data.summary());
        tc.result = RecipeRun.train(new ClassifierFitting(tc.net, data, s.batchSize()), s, run, config, tc::save);
        tc.training = RecipeRun.summary(s, tc.result, data.summary());
        if (run.dir() != null) RecipeRun.saveFinal(tc::save, run.dir());
        return tc;
    }

    /** Accuracy, macro-F1 and confusion matrix on labelled texts; a label the model never saw is an error naming its line. */
    public ClassificationReport evaluate(LabeledTexts data) {
        int[] truth = ClassifierData.labelIds(data, labels);
        int[] predicted = new int[data.size()];
        List<int[]> ids = ClassifierData.encode(tokenizer, data.texts(), config.maxLength());
        forEachBatch(ids, (idx, probs) -> {
            for (int b = 0; b < idx.length; b++) predicted[idx[b]] = argmax(probs[b]);
        });
        return ClassificationReport.of(labels, truth, predicted);
    }

    /** The most probable label of each text. */
    public List<Prediction> predict(List<String> texts) {
        List<int[]> ids = ClassifierData.encode(tokenizer, texts, config.maxLength());
        Prediction[] out = new Prediction[texts.size()];
        forEachBatch(ids, (idx, probs) -> {
            for (int b = 0; b < idx.length; b++) {
                Map<String, Double> all = new LinkedHashMap<>();
                for (int k = 0; k < labels.size(); k++) all.put(labels.get(k), probs[b][k]);
                int best = argmax(probs[b]);
                out[idx[b]] = new Prediction(labels.get(best), probs[b][best], all);
            }
        });
        return List.of(out);
    }

    private interface BatchSink {
        void accept(int[] idx, double[][] probs);
    }

    private void forEachBatch(List<int[]> ids, BatchSink sink) {
        net.train(false);
        try (var g = GradMode.disabled()) {
            for (int[] idx : Batching.batches(Batching.lengthsOf(ids), 128, null)) {
                Tensor p = net.forward(Batching.padded(ids, idx, 0), Batching.lengths(ids, idx)).softmax(1);
                double[] flat = p.toDoubleArray();
                double[][] probs = new double[idx.length][labels.size()];
                for (int b = 0; b < idx.length; b++) System.arraycopy(flat, b * labels.size(), probs[b], 0, labels.size());
                sink.accept(idx, probs);
            }
        }
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
        return best;
    }

    /** Writes the model file (weights, architecture, tokenizer, labels, training summary). */
    public void save(Path file) throws IOException {
        Map<String, String> blobs = new LinkedHashMap<>();
        blobs.put(ModelFile.ARCHITECTURE, Json.write(net.config()));
        blobs.put(ModelFile.TASK, TaskFile.taskBlob(TaskKind.CLASSIFY, Map.of("recipe", config, "labels", labels)));
        blobs.put(ModelFile.TOKENIZER, tokenizer.toJson());
        blobs.put(ModelFile.TRAINING, Json.write(training));
        TaskFile.write(file, net, blobs);
    }

    /** Reads a model file written by {@link #save}. */
    public static TextClassifier load(Path file) throws IOException {
        ModelFileContents c = TaskFile.read(file, TaskKind.CLASSIFY);
        Config config = TaskFile.recipe(file, c, Config.class);
        List<String> labels = new ArrayList<>();
        for (Object o : TaskFile.field(file, c, "labels", List.class)) labels.add(String.valueOf(o));
        Tokenizer t = Tokenizer.fromJson(TaskFile.blob(file, c, ModelFile.TOKENIZER));
        ClassifierNet net = new ClassifierNet(TaskFile.architecture(file, c, ClassifierNet.Config.class), new Rng(0));
        TaskFile.loadWeights(file, c, net);
        TextClassifier tc = new TextClassifier(config, t, labels, net);
        tc.training = TaskFile.training(c);
        return tc;
    }

    public Config config() { return config; }

    public List<String> labels() { return labels; }

    public Tokenizer tokenizer() { return tokenizer; }

    public ClassifierNet net() { return net; }

    /** How training went, or null for a loaded model. */
    public TrainResult result() { return result; }

    public Map<String, Object> training() { return training; }

    static DataFormatException unknownLabel(LabeledTexts data, int row, List<String> labels) {
        return new DataFormatException(data.file(), data.lines()[row], "label '" + data.labels().get(row)
                + "' does not occur in the training data (known labels: " + String.join(", ", labels) + ")");
    }
}
