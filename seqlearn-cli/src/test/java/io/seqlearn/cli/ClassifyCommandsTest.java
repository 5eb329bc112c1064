package io.seqlearn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqlearn.tasks.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train classify → eval classify → classify, end to end on tiny generated sentiment data. */
class ClassifyCommandsTest {
    @TempDir static Path tmp;
    static Path train, valid, model;

    @BeforeAll
    static void trainOnce() throws Exception {
        train = TestData.sentiment(tmp.resolve("train.tsv"), 400, 1, false);
        valid = TestData.sentiment(tmp.resolve("dev.tsv"), 80, 2, false);
        Path dir = tmp.resolve("run");
        Cli.Result r = Cli.run("train", "classify", "--train", train.toString(), "--valid", valid.toString(), "--embedding", "16",
                "--hidden", "16", "--epochs", "6", "--lr", "0.02", "--batch", "16", "--out", dir.toString(), "--threads", "1", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = Json.tree(r.out(), "stdout");
        assertTrue(j.get("valid").get("val_accuracy").asDouble() > 0.85, "learns the cue words: " + r.out());
        model = dir.resolve("model.safetensors");
        assertTrue(Files.isRegularFile(dir.resolve("history.png")));
    }

    @Test
    void evalReportsAccuracyMacroF1AndConfusion() {
        Cli.Result r = Cli.run("eval", "classify", "--model", model.toString(), "--data", valid.toString(), "--json", "--threads", "1");
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = Json.tree(r.out(), "stdout");
        long total = 0, diagonal = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                long v = j.get("confusion").get(a).get(b).asLong();
                total += v;
                if (a == b) diagonal += v;
            }
        }
        assertEquals(80, total);
        assertEquals((double) diagonal / total, j.get("accuracy").asDouble(), 1e-12);
        assertTrue(j.get("macro_f1").asDouble() > 0.8, r.out());
        Cli.Result t = Cli.run("eval", "classify", "--model", model.toString(), "--data", valid.toString(), "--threads", "1");
        assertTrue(t.out().contains("confusion") && t.out().contains("macro-F1"), t.out());
    }

    @Test
    void classifyLabelsNewTexts() throws Exception {
        Path input = Files.writeString(tmp.resolve("new.txt"), "a wonderful film\nthe plot was terrible\n");
        Cli.Result r = Cli.run("classify", "--model", model.toString(), "--text", "really great music", "--input", input.toString(),
                "--threads", "1");
        assertEquals(0, r.exit(), r.toString());
        String[] lines = r.out().strip().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].startsWith("1\t") && lines[1].startsWith("1\t") && lines[2].startsWith("0\t"), r.out());
    }

    @Test
    void otherArchitecturesAndWordLabelsTrain() throws Exception {
        Path words = TestData.sentiment(tmp.resolve("words.tsv"), 120, 3, true);
        String[][] variants = {{"--arch", "gru", "--pooling", "attention"}, {"--arch", "transformer", "--heads", "2"},
                {"--arch", "lstm", "--pooling", "last", "--unidirectional"}};
        for (String[] v : variants) {
            String[] args = {"train", "classify", "--train", words.toString(), "--embedding", "8", "--hidden", "8", "--epochs", "1",
                    "--out", tmp.resolve("v" + v[1] + v[v.length - 1]).toString(), "--threads", "1", "--json"};
            String[] all = new String[args.length + v.length];
            System.arraycopy(args, 0, all, 0, args.length);
            System.arraycopy(v, 0, all, args.length, v.length);
            Cli.Result r = Cli.run(all);
            assertEquals(0, r.exit(), String.join(" ", v) + "\n" + r);
            assertTrue(Json.tree(r.out(), "stdout").get("valid").get("val_accuracy").asDouble() >= 0, r.out());
        }
    }
}
