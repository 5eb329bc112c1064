package io.seqlearn.tasks;

import io.seqlearn.data.DataFormatException;
import io.seqlearn.data.TextFiles;
import io.seqlearn.data.text.CharTokenizer;
import io.seqlearn.data.text.Tokenizer;
import io.seqlearn.decode.Hypothesis;
import io.seqlearn.decode.Sampler;
import io.seqlearn.io.ModelFile;
import io.seqlearn.io.ModelFileContents;
import io.seqlearn.tasks.nets.LanguageModelNet;
import io.seqlearn.tensor.Rng;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Language-model recipe: character or word level; LSTM, GRU, RNN or a causal Transformer. Trains with
 * truncated backpropagation through time over parallel token streams (state carried between windows),
 * reports perplexity and bits per character, and generates text by sampling (temperature, top-k, top-p).
 *
 * <pre>{@code
 * var c = LanguageModel.Config.defaults(LanguageModel.Level.CHAR, "lstm");
 * LanguageModel lm = LanguageModel.train(LanguageModel.Corpus.of(text, null), c,
 *         LanguageModel.defaultTraining(c).withTimeLimitSeconds(60), RunOptions.quiet());
 * System.out.println(lm.generate("The ", 200, 0.8, 0, 1.0, 42));
 * }</pre>
 *
 * <p>Defaults: word level is the "small" model of Zaremba et al. 2014 (2 × 200 LSTM, 20-step windows,
 * batch 20, weights U(±0.1), SGD halved every epoch after the 4th, 13 epochs: test perplexity 114.5 on PTB;
 * their lr 1 and gradient clip 5 on the loss summed over a window are lr 20 and clip 0.25 on our mean loss); character level a 2 × 256 LSTM over 128-character windows with Adam
 * (2e-3, halved when validation stalls), as char-rnn; the Transformer a 4-layer, 4-head, 128-wide pre-norm
 * model.
 */
public final class LanguageModel {
    /** Token level. */
    public enum Level {
        CHAR, WORD;

        public static Level parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "char", "character" -> CHAR;
                case "word" -> WORD;
                default -> throw new IllegalArgumentException("unknown level '" + s + "'; expected char or word");
            };
        }
    }

    /**
     * The recipe's options.
     *
     * @param level         char or word
     * @param arch          "lstm", "gru", "rnn" or "transformer"
     * @param embedding     embedding (Transformer: model) width
     * @param hidden        recurrent width (Transformer: feed-forward width)
     * @param layers        stacked layers
     * @param dropout       dropout rate
     * @param heads         attention heads (Transformer)
     * @param context       window length T (truncated BPTT length; a Transformer's longest context)
     * @param initScale     U(±s) initial weights if > 0, else PyTorch's defaults
     * @param maxVocab      largest vocabulary (most frequent tokens), 0 = every token of the training text
     * @param validFraction without a validation file, this final part of the training text validates
     */
    public record Config(Level level, String arch, int embedding, int hidden, int layers, double dropout, int heads,
                         int context, double initScale, int maxVocab, double validFraction) {
        public Config {
            arch = arch.toLowerCase(Locale.ROOT);
            if (!List.of("lstm", "gru", "rnn", "transformer").contains(arch)) {
                throw new IllegalArgumentException("unknown architecture '" + arch + "'; expected lstm, gru, rnn or transformer");
            }
            if (embedding < 1 || hidden < 1 || layers < 1 || context < 1 || heads < 1) {
                throw new IllegalArgumentException("language model: sizes must be >= 1");
            }
            if (arch.equals("transformer") && embedding % heads != 0) {
                throw new IllegalArgumentException("language model: embedding " + embedding + " must be divisible by heads " + heads);
            }
            if (!(validFraction > 0 && validFraction < 1)) {
                throw new IllegalArgumentException("language model: valid fraction must be in (0, 1), got " + validFraction);
            }
        }

        /** The defaults described in the class comment. */
        public static Config defaults(Level level, String arch) {
            if (arch.equalsIgnoreCase("transformer")) {
                return new Config(level, arch, 128, 512, 4, 0.1, 4, level == Level.CHAR ? 128 : 64, 0, 0, 0.1);
            }
            if (level == Level.WORD) return new Config(level, arch, 200, 200, 2, 0.0, 1, 20, 0.1, 0, 0.1);
            return new Config(level, arch, 64, 256, 2, 0.1, 1, 128, 0, 0, 0.1);
        }

        public Config withSizes(int emb, int hid, int lay) { return new Config(level, arch, emb, hid, lay, dropout, heads, context, initScale, maxVocab, validFraction); }
        public Config withDropout(double v) { return new Config(level, arch, embedding, hidden, layers, v, heads, context, initScale, maxVocab, validFraction); }
        public Config withHeads(int v) { return new Config(level, arch, embedding, hidden, layers, dropout, v, context, initScale, maxVocab, validFraction); }
        public Config withContext(int v) { return new Config(level, arch, embedding, hidden, layers, dropout, heads, v, initScale, maxVocab, validFraction); }
        public Config withInitScale(double v) { return new Config(level, arch, embedding, hidden, layers, dropout, heads, context, v, maxVocab, validFraction); }
        public Config withMaxVocab(int v) { return new Config(level, arch, embedding, hidden, layers, dropout, heads, context, initScale, v, validFraction); }
        public Config withValidFraction(double v) { return new Config(level, arch, embedding, hidden, layers, dropout, heads, context, initScale, maxVocab, v); }
    }

    /** Training defaults for {@code c} (see the class comment). */
    public static TrainSettings defaultTraining(Config c) {
        if (c.arch().equals("transformer")) {
            return TrainSettings.adam(1e-3).withOptimizer("adamw").withWeightDecay(0.01).withClipNorm(1.0)
                    .withBatchSize(32).withEpochs(20).withPlateauFactor(0.5);
        }
        if (c.level() == Level.WORD) {
            // Zaremba et al.'s SGD at lr 1 with the gradient norm clipped at 5 acts on the loss summed over the 20
            // steps of a window; on our per-token mean loss the same updates are lr 20 and clip 5/20 = 0.25 (the
            // PyTorch word_language_model example's defaults).
            return TrainSettings.adam(20).withOptimizer("sgd").withEpochs(13).withBatchSize(20).withClipNorm(0.25)
                    .withLrDecay(0.5, 4);
        }
        return TrainSettings.adam(2e-3).withEpochs(30).withBatchSize(32).withPlateauFactor(0.5);
    }

    /**
     * Training text and, optionally, validation text (else the last {@code validFraction} of the training
     * text: characters at char level, lines at word level). {@code source} names them in errors.
     */
    public record Corpus(String train, String valid, Path trainFile, Path validFile) {
        public static Corpus of(String train, String valid) { return new Corpus(train, valid, null, null); }

        /** Reads UTF-8 files strictly; {@code valid} may be null. */
        public static Corpus read(Path train, Path valid) throws IOException {
            String t = TextFiles.readString(train);
            if (t.isBlank()) throw new DataFormatException(train, 0, "the file is empty; a language model needs text to learn from");
            String v = null;
            if (valid != null) {
                v = TextFiles.readString(valid);
                if (v.isBlank()) throw new DataFormatException(valid, 0, "the validation file is empty");
            }
            return new Corpus(t, v, train, valid);
        }
    }

    private final Config config;
    private final Tokenizer tokenizer;
    private final LanguageModelNet net;
    private Map<String, Object> training = Map.of();
    private TrainResult result;

    LanguageModel(Config config, Tokenizer tokenizer, LanguageModelNet net) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.net = net;
    }

    /** Builds the tokenizer from the training text, trains, and (with {@code run.dir()}) writes the run directory. */
    public static LanguageModel train(Corpus corpus, Config c, TrainSettings s, RunOptions run) {
        LanguageModelData data = LanguageModelData.prepare(corpus, c, s.batchSize());
        LanguageModel lm = new LanguageModel(c, data.tokenizer(), new LanguageModelNet(netConfig(c, data.tokenizer()), new Rng(s.seed())));
        Map<String, Object> dataInfo = data.summary();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("task", TaskKind.LM.id());
        config.put("recipe", c);
        config.put("data", dataInfo);
        lm.training = RecipeRun.summary(s, null, dataInfo);
        TrainResult r = RecipeRun.train(new LanguageModelFitting(lm.net, data, c), s, run, config, lm::save);
        lm.result = r;
        lm.training = RecipeRun.summary(s, r, dataInfo);
        if (run.dir() != null) RecipeRun.saveFinal(lm::save, run.dir());
        return lm;
    }

    static LanguageModelNet.Config netConfig(Config c, Tokenizer t) {
        return new LanguageModelNet.Config(c.arch(), t.vocabSize(), c.embedding(), c.hidden(), c.layers(), c.dropout(),
                c.heads(), c.context(), c.initScale());
    }

    /** Perplexity and bits per character of {@code text} (carried state, windows of the training length). */
    public LanguageModelEval evaluate(String text) {
        int[] ids = LanguageModelData.encode(tokenizer, config.level(), text);
        return LanguageModelData.evaluate(net, config, ids, 10);
    }

    /**
     * Continues {@code prompt} by {@code length} sampled tokens.
     *
     * @param temperature 0 = greedy, 1 = the model's distribution
     * @param topK        keep the k most probable tokens, 0 = all
     * @param topP        nucleus sampling threshold, 1 = off
     * @param seed        the sampling seed (same seed, same text)
     * @return the prompt followed by the generated text
     */
    public String generate(String prompt, int length, double temperature, int topK, double topP, long seed) {
        if (length < 0) throw new IllegalArgumentException("generate: length must be >= 0, got " + length);
        LanguageModelSteps steps = new LanguageModelSteps(net);
        int[] ids = LanguageModelData.encodePrompt(tokenizer, config.level(), prompt);
        LanguageModelSteps.State state = steps.prefill(ids);
        Sampler.Options o = new Sampler.Options(temperature, topK, topP, length, -1);
        Hypothesis h = Sampler.sample(steps, state, new int[]{ids[ids.length - 1]}, o, new Rng(seed)).get(0);
        return prompt + LanguageModelData.decode(tokenizer, config.level(), h.tokens(), !prompt.isEmpty());
    }

    /** Writes the model file (weights, architecture, tokenizer, task, training summary). */
    public void save(Path file) throws IOException {
        Map<String, String> blobs = new LinkedHashMap<>();
        blobs.put(ModelFile.ARCHITECTURE, Json.write(net.config()));
        blobs.put(ModelFile.TASK, TaskFile.taskBlob(TaskKind.LM, Map.of("recipe", config)));
        blobs.put(ModelFile.TOKENIZER, tokenizer.toJson());
        blobs.put(ModelFile.TRAINING, Json.write(training));
        TaskFile.write(file, net, blobs);
    }

    /** Reads a model file written by {@link #save}; fails with one line naming the file for another task's model. */
    public static LanguageModel load(Path file) throws IOException {
        ModelFileContents c = TaskFile.read(file, TaskKind.LM);
        Config config = TaskFile.recipe(file, c, Config.class);
        Tokenizer t = Tokenizer.fromJson(TaskFile.blob(file, c, ModelFile.TOKENIZER));
        LanguageModelNet net = new LanguageModelNet(TaskFile.architecture(file, c, LanguageModelNet.Config.class), new Rng(0));
        TaskFile.loadWeights(file, c, net);
        net.train(false);
        LanguageModel lm = new LanguageModel(config, t, net);
        lm.training = TaskFile.training(c);
        return lm;
    }

    public Config config() { return config; }

    public Tokenizer tokenizer() { return tokenizer; }

    public LanguageModelNet net() { return net; }

    /** How training went, or null for a loaded model. */
    public TrainResult result() { return result; }

    /** The training summary saved with the model. */
    public Map<String, Object> training() { return training; }

    /** Whether the tokenizer is character-level. */
    public boolean isCharLevel() { return tokenizer instanceof CharTokenizer; }
}
