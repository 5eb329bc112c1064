package io.seqlearn.cli;

import io.seqlearn.tasks.RunDirectory;
import io.seqlearn.tasks.RunOptions;
import io.seqlearn.tasks.TaskKind;
import io.seqlearn.tasks.TrainSettings;
import io.seqlearn.train.Verbosity;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training options shared by every {@code train} command (a picocli mixin). An option left out keeps the
 * recipe's default, which {@code --help} of each command lists.
 */
public final class TrainOptions {
    @Option(names = "--epochs", description = "Most epochs to train.")
    Integer epochs;

    @Option(names = "--time", paramLabel = "DURATION", description = "Wall-clock budget for training, e.g. 90s, 20m, 1h30m.")
    String time;

    @Option(names = "--batch", description = "Batch size.")
    Integer batch;

    @Option(names = "--lr", description = "Learning rate.")
    Double lr;

    @Option(names = "--optimizer", description = "adam, adamw or sgd.")
    String optimizer;

    @Option(names = "--weight-decay", description = "Weight decay.")
    Double weightDecay;

    @Option(names = "--clip", description = "Clip the gradient norm to this (0 = off).")
    Double clip;

    @Option(names = "--patience", description = "Stop after this many epochs without validation improvement (0 = off).")
    Integer patience;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/<task>-<time>).")
    Path out;

    @Option(names = "--quiet", description = "One line per epoch instead of a live progress bar.")
    boolean quiet;

    /** The recipe defaults with every given option applied, and the common seed. */
    TrainSettings apply(TrainSettings d, CommonOptions common) {
        TrainSettings s = d.withSeed(common.seed());
        if (epochs != null) s = s.withEpochs(epochs);
        if (time != null) s = s.withTimeLimitSeconds(Durations.seconds(time));
        if (batch != null) s = s.withBatchSize(batch);
        if (lr != null) s = s.withLearningRate(lr);
        if (optimizer != null) s = s.withOptimizer(optimizer);
        if (weightDecay != null) s = s.withWeightDecay(weightDecay);
        if (clip != null) s = s.withClipNorm(clip);
        if (patience != null) s = s.withPatience(patience);
        return s;
    }

    /** Where and how the run reports; {@code args} is the command line, saved in config.json. */
    RunOptions run(TaskKind task, CommonOptions common, List<String> args) {
        Path dir = out != null ? out : RunDirectory.defaultPath(Path.of(""), task);
        Verbosity v = quiet || common.json() ? Verbosity.ONE_LINE_PER_EPOCH : Verbosity.PROGRESS_BAR;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("command", "seqlearn " + String.join(" ", args));
        extra.put("threads", common.threads());
        return RunOptions.to(dir).withVerbosity(v).withExtra(extra);
    }
}
