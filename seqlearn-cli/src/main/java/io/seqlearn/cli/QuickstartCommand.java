package io.seqlearn.cli;

import io.seqlearn.cli.quickstart.QuickstartCorpus;
import io.seqlearn.tasks.LanguageModel;
import io.seqlearn.tasks.RunDirectory;
import io.seqlearn.tasks.RunOptions;
import io.seqlearn.tasks.TrainSettings;
import io.seqlearn.train.Verbosity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn quickstart}: the README's first command. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Train a small character LSTM on a bundled text, then generate text (about a minute).",
                "The text comes from a toy English grammar shipped with seqlearn; training shows a progress bar and",
                "the run directory keeps the model for `seqlearn generate`."})
public final class QuickstartCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--chars", description = "Characters of training text to generate (default: ${DEFAULT-VALUE}).")
    int chars = 60_000;

    @Option(names = "--epochs", description = "Passes over the text (default: ${DEFAULT-VALUE}).")
    int epochs = 12;

    @Option(names = "--time", description = "Wall-clock budget for training (default: ${DEFAULT-VALUE}).")
    String time = "75s";

    @Option(names = "--hidden", description = "LSTM width (default: ${DEFAULT-VALUE}).")
    int hidden = 128;

    @Option(names = "--length", description = "Characters to generate at the end (default: ${DEFAULT-VALUE}).")
    int length = 300;

    @Option(names = "--out", description = "Run directory (default: runs/quickstart-<time>).")
    Path out;

    @Override
    public Integer call() throws Exception {
        return Execution.run(common, this::run);
    }

    private int run() throws Exception {
        String text = QuickstartCorpus.generate(common.seed(), chars);
        Path dir = out != null ? out : RunDirectory.defaultPath(Path.of(""), "quickstart");
        System.err.printf(Locale.ROOT, "seqlearn quickstart: a character LSTM (%d units) learns %,d characters of generated English;%n"
                + "run directory %s%n", hidden, text.length(), dir);
        var config = LanguageModel.Config.defaults(LanguageModel.Level.CHAR, "lstm")
                .withSizes(32, hidden, 1).withDropout(0).withContext(64);
        TrainSettings settings = TrainSettings.adam(4e-3).withBatchSize(32).withEpochs(epochs)
                .withTimeLimitSeconds(Durations.seconds(time)).withSeed(common.seed());
        RunOptions run = RunOptions.to(dir).withVerbosity(common.json() ? Verbosity.ONE_LINE_PER_EPOCH : Verbosity.PROGRESS_BAR)
                .withExtra(Map.of("command", "seqlearn quickstart"));
        var lm = LanguageModel.train(LanguageModel.Corpus.of(text, null), config, settings, run);
        String sample = lm.generate("The ", length, 0.7, 0, 1.0, common.seed());
        RunDirectory.create(dir).writeText("sample.txt", sample + "\n");
        double bpc = lm.result().bestMetrics().getOrDefault("val_bpc", Double.NaN);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("run_dir", dir.toString());
        result.put("model", dir.resolve(RunDirectory.MODEL_FILE).toString());
        result.put("val_bits_per_char", bpc);
        result.put("seconds", lm.result().seconds());
        result.put("sample", sample);
        String human = String.format(Locale.ROOT, "%nValidation: %.3f bits/char after %d epoch(s), %.0f s. Generated text:%n%n%s%n%n"
                + "Model saved to %s%nTry: ./seqlearn generate --model %s --prompt \"A quiet\" --length 200%n",
                bpc, lm.result().epochs(), lm.result().seconds(), sample, dir.resolve(RunDirectory.MODEL_FILE),
                dir.resolve(RunDirectory.MODEL_FILE));
        Printer.emit(common, result, human);
        return 0;
    }
}
