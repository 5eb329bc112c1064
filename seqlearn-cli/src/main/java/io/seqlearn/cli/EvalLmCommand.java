package io.seqlearn.cli;

import io.seqlearn.data.DataFormatException;
import io.seqlearn.data.TextFiles;
import io.seqlearn.tasks.LanguageModel;
import io.seqlearn.tasks.LanguageModelEval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn eval lm}. */
@Command(name = "lm", mixinStandardHelpOptions = true,
        description = "Perplexity and bits per character (or token) of a language model on a text file.")
public final class EvalLmCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file (or run directory).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Text to score.")
    Path data;

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        LanguageModel lm = LanguageModel.load(model);
        String text = TextFiles.readString(data);
        if (text.isBlank()) throw new DataFormatException(data, 0, "the file is empty");
        LanguageModelEval e = lm.evaluate(text);
        Map<String, Object> result = new LinkedHashMap<>(LmReport.map(e, lm.isCharLevel()));
        result.put("data", data.toString());
        Printer.emit(common, result, LmReport.line(e, lm.isCharLevel()));
        return 0;
    }
}
