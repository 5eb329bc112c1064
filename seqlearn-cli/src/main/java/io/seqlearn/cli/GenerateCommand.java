package io.seqlearn.cli;

import io.seqlearn.tasks.LanguageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn generate}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate text with a trained language model.", "Continues --prompt by sampling with temperature, top-k and top-p."})
public final class GenerateCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Language model file (or run directory).")
    Path model;

    @Option(names = "--prompt", description = "Text to continue (default: empty).")
    String prompt = "";

    @Option(names = "--length", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
    int length = 200;

    @Option(names = "--temperature", description = "Sampling temperature; 0 = greedy (default: ${DEFAULT-VALUE}).")
    double temperature = 0.8;

    @Option(names = "--top-k", description = "Sample from the k most probable tokens only; 0 = off (default: ${DEFAULT-VALUE}).")
    int topK = 0;

    @Option(names = "--top-p", description = "Nucleus sampling threshold; 1 = off (default: ${DEFAULT-VALUE}).")
    double topP = 1.0;

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        LanguageModel lm = LanguageModel.load(model);
        String text = lm.generate(prompt, length, temperature, topK, topP, common.seed());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("prompt", prompt);
        result.put("text", text);
        Printer.emit(common, result, text);
        return 0;
    }
}
