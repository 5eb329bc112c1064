package io.seqlearn.cli;

import io.seqlearn.tasks.LanguageModel;
import io.seqlearn.tasks.LanguageModelEval;
import io.seqlearn.tasks.RunDirectory;
import io.seqlearn.tasks.RunOptions;
import io.seqlearn.tasks.TaskKind;
import io.seqlearn.tasks.TrainSettings;
import io.seqlearn.data.TextFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn train lm}. */
@Command(name = "lm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a character- or word-level language model on a UTF-8 text file.",
                "Word level reads each line as a sentence ending in <eos> (the PTB convention); character level reads the text as it is.",
                "Defaults: word = Zaremba et al. 2014 'small' (2x200 LSTM, 20-step windows, batch 20, SGD halved each epoch after 4, 13 epochs;",
                "lr 20 and clip 0.25 on the per-token loss = the paper's lr 1 and clip 5 on the loss summed over 20 steps);",
                "char = 2x256 LSTM, 128-char windows, Adam 2e-3; transformer = 4 layers, 4 heads, width 128, AdamW 1e-3."})
public final class TrainLmCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Training text.")
    Path data;

    @Option(names = "--valid", paramLabel = "FILE", description = "Validation text (default: the last 10% of --data).")
    Path valid;

    @Option(names = "--test", paramLabel = "FILE", description = "Also report perplexity on this text after training.")
    Path test;

    @Option(names = "--level", description = "char or word (default: ${DEFAULT-VALUE}).")
    String level = "char";

    @Option(names = "--arch", description = "lstm, gru, rnn or transformer (default: ${DEFAULT-VALUE}).")
    String arch = "lstm";

    @Option(names = "--embedding", description = "Embedding width (transformer: model width).") Integer embedding;
    @Option(names = "--hidden", description = "Recurrent width (transformer: feed-forward width).") Integer hidden;
    @Option(names = "--layers", description = "Stacked layers.") Integer layers;
    @Option(names = "--dropout", description = "Dropout rate.") Double dropout;
    @Option(names = "--heads", description = "Attention heads (transformer).") Integer heads;
    @Option(names = "--context", description = "Window length in tokens (BPTT length / transformer context).") Integer context;
    @Option(names = "--max-vocab", description = "Keep the most frequent tokens only (0 = all).") Integer maxVocab;

    @Mixin TrainOptions train;

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        LanguageModel.Config c = config();
        TrainSettings s = train.apply(LanguageModel.defaultTraining(c), common);
        RunOptions run = train.run(TaskKind.LM, common, spec.commandLine().getParseResult().originalArgs());
        LanguageModel lm = LanguageModel.train(LanguageModel.Corpus.read(data, valid), c, s, run);
        Map<String, Object> result = TrainReport.common(run, lm.result());
        StringBuilder text = new StringBuilder(TrainReport.line(lm.result()));
        if (test != null) {
            LanguageModelEval e = lm.evaluate(TextFiles.readString(test));
            result.put("test", LmReport.map(e, lm.isCharLevel()));
            text.append("Test: ").append(LmReport.line(e, lm.isCharLevel())).append('\n');
        }
        text.append("Model: ").append(run.dir().resolve(RunDirectory.MODEL_FILE)).append('\n');
        RunDirectory.create(run.dir()).writeResult(result);
        Printer.emit(common, result, text.toString());
        return 0;
    }

    private LanguageModel.Config config() {
        LanguageModel.Config c = LanguageModel.Config.defaults(LanguageModel.Level.parse(level), arch);
        c = c.withSizes(embedding != null ? embedding : c.embedding(), hidden != null ? hidden : c.hidden(),
                layers != null ? layers : c.layers());
        if (dropout != null) c = c.withDropout(dropout);
        if (heads != null) c = c.withHeads(heads);
        if (context != null) c = c.withContext(context);
        if (maxVocab != null) c = c.withMaxVocab(maxVocab);
        return c;
    }
}
