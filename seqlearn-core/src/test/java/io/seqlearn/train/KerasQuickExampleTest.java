package io.seqlearn.train;

import io.seqlearn.data.TrainingData;
import io.seqlearn.data.loader.ClassificationData;
import io.seqlearn.layers.Bidirectional;
import io.seqlearn.layers.Dense;
import io.seqlearn.layers.Dropout;
import io.seqlearn.layers.Embedding;
import io.seqlearn.layers.LSTM;
import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.metrics.Accuracy;
import io.seqlearn.optim.Adam;
import io.seqlearn.plot.HistoryPlot;
import io.seqlearn.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The quick example of docs/keras-api.md (and the README): it must run, and its loss must fall. */
class KerasQuickExampleTest {
    @TempDir Path runs;

    @Test void quickExampleTrainsAndItsLossFalls() throws Exception {
        // Toy task: label 1 when the last real token is >= 6; needs the mask (lengths) to be right.
        int vocabSize = 12;
        Rng rng = new Rng(7);
        List<int[]> sequences = new ArrayList<>();
        int[] labels = new int[320];
        for (int i = 0; i < labels.length; i++) {
            int[] s = new int[2 + rng.nextInt(9)];
            for (int t = 0; t < s.length; t++) s[t] = 1 + rng.nextInt(vocabSize - 1);
            sequences.add(s);
            labels[i] = s[s.length - 1] >= 6 ? 1 : 0;
        }

        // quick-example:start
        TrainingData data = ClassificationData.of(sequences, labels).inputs(ClassificationData.TOKENS);

        Sequential model = new Sequential(
                new Embedding(vocabSize, 32, true),        // maskZero: the LSTM skips the padding
                new Bidirectional(new LSTM(32)),
                new Dropout(0.2),
                new Dense(2));
        model.seed(42);                                   // one seed: init, data order, dropout
        model.compile(p -> new Adam(p, 3e-3), new CrossEntropyLoss(), Accuracy.sparse());

        History history = model.fit(data, FitOptions.defaults()
                .withEpochs(5).withBatchSize(32).withValidationSplit(0.2)
                .withCallbacks(new EarlyStopping(2),
                        new ModelCheckpoint(runs.resolve("best.safetensors").toString(), "val_loss", true, Monitor.Mode.AUTO, false)));

        System.out.println(model.summary());
        HistoryPlot.save(history, runs.resolve("history.png"));
        model.save(runs.resolve("model.safetensors"));
        Model again = Model.load(runs.resolve("model.safetensors"));
        // quick-example:end

        List<Double> loss = history.get("loss");
        assertTrue(loss.get(loss.size() - 1) < 0.7 * loss.get(0), "loss fell: " + loss);
        assertTrue(history.last("val_accuracy") > 0.75, "val accuracy " + history.get("val_accuracy"));
        assertTrue(Files.size(runs.resolve("history.png")) > 1000);
        assertTrue(Files.exists(runs.resolve("best.safetensors")));
        assertEquals(model.summary(), again.summary());
        assertTrue(model.summary().contains(" bidirectional (Bidirection… (None, 64)                16896"), model.summary());
    }

    @Test void theDocumentedSnippetIsTheTestedOne() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "keras-api.md"));
        String src = Files.readString(Path.of("src", "test", "java", "io", "seqlearn", "train", "KerasQuickExampleTest.java"));
        List<String> documented = lines(between(doc, "<!-- quick-example:start -->", "<!-- quick-example:end -->"));
        List<String> tested = lines(between(src, "// quick-example:" + "start", "// quick-example:" + "end"));
        documented.removeIf(l -> l.startsWith("```"));
        assertEquals(tested, documented, "docs/keras-api.md's quick example differs from the code this test runs");
    }

    private static String between(String text, String start, String end) {
        int a = text.indexOf(start), b = text.indexOf(end, a + 1);
        assertTrue(a >= 0 && b > a, "markers " + start + " … " + end);
        return text.substring(a + start.length(), b);
    }

    private static List<String> lines(String block) {
        List<String> out = new ArrayList<>();
        for (String l : block.split("\n")) if (!l.isBlank()) out.add(l.strip());
        return out;
    }
}
