package io.seqlearn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqlearn.io.ModelFile;
import io.seqlearn.io.ModelFileContents;
import io.seqlearn.io.TensorData;
import io.seqlearn.tasks.Json;
import io.seqlearn.tasks.TaskFile;
import io.seqlearn.tasks.TaskKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn info}. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Describe a model file.", "Shows the task, architecture, parameter count, tokenizer or scaler, and how it was trained."})
public final class InfoCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file (or run directory).")
    Path model;

    @Override
    public Integer call() throws Exception {
        ModelFileContents c = TaskFile.readAny(model);
        long params = 0;
        for (TensorData d : c.weights().values()) params += d.numel();
        TaskKind kind = c.blob(ModelFile.TASK).isPresent() ? TaskFile.kindOf(model, c) : null;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", model.toString());
        result.put("task", kind == null ? null : kind.id());
        result.put("parameters", params);
        result.put("tensors", c.weights().size());
        result.put("architecture", Json.tree(c.architecture(), "architecture"));
        c.blob(ModelFile.TASK).ifPresent(t -> result.put("recipe", Json.tree(t, "task").get("recipe")));
        c.blob(ModelFile.TOKENIZER).ifPresent(t -> result.put("tokenizer", tokenizer(Json.tree(t, "tokenizer"))));
        c.blob(ModelFile.SCALER).ifPresent(t -> result.put("scaler", Json.tree(t, "scaler")));
        c.blob(ModelFile.TRAINING).ifPresent(t -> result.put("training", Json.tree(t, "training")));
        Printer.emit(common, result, text(result, kind));
        return 0;
    }

    private static Map<String, Object> tokenizer(JsonNode t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", t.path("type").asText());
        m.put("vocabulary", t.path("vocabulary").path("tokens").size());
        return m;
    }

    private static String text(Map<String, Object> r, TaskKind kind) {
        StringBuilder sb = new StringBuilder();
        sb.append("file:         ").append(r.get("file")).append('\n');
        sb.append("task:         ").append(kind == null ? "(none: a library model)" : kind.id() + " (" + kind.title() + ")").append('\n');
        sb.append(String.format(Locale.ROOT, "parameters:   %,d in %d tensors%n", (Long) r.get("parameters"), (Integer) r.get("tensors")));
        sb.append("architecture: ").append(r.get("architecture")).append('\n');
        if (r.containsKey("recipe")) sb.append("recipe:       ").append(r.get("recipe")).append('\n');
        if (r.containsKey("tokenizer")) sb.append("tokenizer:    ").append(Json.write(r.get("tokenizer"))).append('\n');
        if (r.containsKey("scaler")) sb.append("scaler:       ").append(r.get("scaler")).append('\n');
        if (r.get("training") instanceof JsonNode t) {
            sb.append("training data: ").append(t.path("data")).append('\n');
            sb.append(String.format(Locale.ROOT, "training:     %d epoch(s), best %d, %.0f s, stopped by %s%n", t.path("epochs").asInt(),
                    t.path("best_epoch").asInt(), t.path("seconds").asDouble(), t.path("stopped_by").asText()));
            sb.append("best metrics: ").append(t.path("metrics")).append('\n');
        }
        return sb.toString();
    }
}
