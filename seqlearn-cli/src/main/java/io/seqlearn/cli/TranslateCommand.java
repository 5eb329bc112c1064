package io.seqlearn.cli;

import io.seqlearn.data.DataFormatException;
import io.seqlearn.data.TextFiles;
import io.seqlearn.plot.AttentionHeatmap;
import io.seqlearn.tasks.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn translate}. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = {"Translate sentences with a trained translator (beam search).",
                "Translates each --text and each line of --input.",
                "--heatmaps DIR also draws the decoder's attention over the source for every sentence (RNN translators)."})
public final class TranslateCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Translator model file (or run directory).") Path model;
    @Option(names = "--text", description = "A sentence to translate (repeatable).") List<String> texts = new ArrayList<>();
    @Option(names = "--input", paramLabel = "FILE", description = "A UTF-8 file with one sentence per line.") Path input;
    @Option(names = "--beam", description = "Beam width; 1 = greedy (default: the model's, usually 5).") Integer beam;
    @Option(names = "--heatmaps", paramLabel = "DIR", description = "Write attention_<n>.png per sentence into DIR.") Path heatmaps;

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        List<String> all = new ArrayList<>(texts);
        if (input != null) {
            List<String> lines = TextFiles.readLines(input);
            if (lines.stream().allMatch(String::isBlank)) throw new DataFormatException(input, 0, "the file is empty");
            lines.stream().filter(l -> !l.isBlank()).forEach(all::add);
        }
        if (all.isEmpty()) throw new IllegalArgumentException("translate: give --text or --input");
        Translator t = Translator.load(model);
        int width = beam != null ? beam : t.config().beam();
        List<String> out = t.translate(all, width);
        List<String> pngs = new ArrayList<>();
        if (heatmaps != null) {
            Files.createDirectories(heatmaps);
            for (int i = 0; i < all.size(); i++) {
                Translator.AttentionMap m = t.attention(all.get(i), out.get(i));
                if (m == null) throw new IllegalArgumentException("--heatmaps: a " + t.config().arch()
                        + " translator has no single attention map to draw (RNN translators do)");
                Path png = heatmaps.resolve("attention_" + (i + 1) + ".png");
                AttentionHeatmap.save(png, m.weights(), m.sourceTokens(), m.targetTokens());
                pngs.add(png.toString());
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("source", all.get(i));
            r.put("translation", out.get(i));
            if (!pngs.isEmpty()) r.put("heatmap", pngs.get(i));
            rows.add(r);
        }
        Printer.emit(common, Map.of("translations", rows), String.join("\n", out));
        return 0;
    }
}
