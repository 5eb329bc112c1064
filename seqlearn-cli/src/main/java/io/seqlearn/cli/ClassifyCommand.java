package io.seqlearn.cli;

import io.seqlearn.data.DataFormatException;
import io.seqlearn.data.TextFiles;
import io.seqlearn.tasks.TextClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn classify}. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Label new texts with a trained classifier.",
                "Classifies each --text and each line of --input.",
                "Prints label<TAB>probability<TAB>text per text."})
public final class ClassifyCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Classifier model file (or run directory).")
    Path model;

    @Option(names = "--text", description = "A text to classify (repeatable).")
    List<String> texts = new ArrayList<>();

    @Option(names = "--input", paramLabel = "FILE", description = "A UTF-8 file with one text per line.")
    Path input;

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        List<String> all = new ArrayList<>(texts);
        if (input != null) {
            List<String> lines = TextFiles.readLines(input);
            if (lines.stream().allMatch(String::isBlank)) throw new DataFormatException(input, 0, "the file is empty");
            lines.stream().filter(l -> !l.isBlank()).forEach(all::add);
        }
        if (all.isEmpty()) throw new IllegalArgumentException("classify: give --text or --input");
        TextClassifier tc = TextClassifier.load(model);
        List<TextClassifier.Prediction> ps = tc.predict(all);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            TextClassifier.Prediction p = ps.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("text", all.get(i));
            row.put("label", p.label());
            row.put("probability", p.probability());
            row.put("probabilities", p.probabilities());
            rows.add(row);
            text.append(String.format(Locale.ROOT, "%s\t%.4f\t%s%n", p.label(), p.probability(), all.get(i)));
        }
        Printer.emit(common, Map.of("predictions", rows), text.toString());
        return 0;
    }
}
