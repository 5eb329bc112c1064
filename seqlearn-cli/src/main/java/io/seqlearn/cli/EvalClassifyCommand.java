package io.seqlearn.cli;

import io.seqlearn.tasks.ClassificationReport;
import io.seqlearn.tasks.LabeledTexts;
import io.seqlearn.tasks.TextClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn eval classify}. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Accuracy, macro-F1, per-class scores and the confusion matrix of a classifier on a text<TAB>label file.")
public final class EvalClassifyCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Classifier model file (or run directory).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled TSV to score.")
    Path data;

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        TextClassifier tc = TextClassifier.load(model);
        ClassificationReport r = tc.evaluate(LabeledTexts.read(data));
        Map<String, Object> result = ClassifyReport.map(r);
        result.put("data", data.toString());
        Printer.emit(common, result, r.table());
        return 0;
    }
}
