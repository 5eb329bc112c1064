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

/** train translate → eval translate → translate (with heatmaps) on a toy word-for-word language pair. */
class TranslateCommandsTest {
    @TempDir static Path tmp;
    static Path[] train, valid;
    static Path model;

    @BeforeAll
    static void trainOnce() throws Exception {
        train = TestData.parallel(tmp, "train", 300, 1);
        valid = TestData.parallel(tmp, "val", 30, 2);
        Path dir = tmp.resolve("gru");
        Cli.Result r = Cli.run("train", "translate", "--src", train[0].toString(), "--tgt", train[1].toString(),
                "--valid-src", valid[0].toString(), "--valid-tgt", valid[1].toString(), "--test-src", valid[0].toString(),
                "--test-tgt", valid[1].toString(), "--embedding", "16", "--hidden", "16", "--vocab", "300", "--epochs", "2",
                "--batch", "16", "--lr", "0.01", "--beam", "2", "--out", dir.toString(), "--threads", "1", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = Json.tree(r.out(), "stdout");
        assertTrue(j.get("test").get("bleu").asDouble() >= 0 && j.get("valid").has("val_bleu"), r.out());
        assertTrue(Files.readAllLines(dir.resolve("test.hyp")).size() == 30);
        model = dir.resolve("model.safetensors");
    }

    @Test
    void evalComputesBleuAndWritesHypotheses() throws Exception {
        Path hyp = tmp.resolve("out.txt");
        Cli.Result r = Cli.run("eval", "translate", "--model", model.toString(), "--src", valid[0].toString(), "--ref", valid[1].toString(),
                "--beam", "1", "--output", hyp.toString(), "--json", "--threads", "1");
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = Json.tree(r.out(), "stdout");
        assertEquals(30, j.get("sentences").asInt());
        assertEquals(30, Files.readAllLines(hyp).size());
        double bleu = j.get("bleu").asDouble();
        assertTrue(bleu >= 0 && bleu <= 100, r.out());
    }

    @Test
    void translateWritesAttentionHeatmaps() throws Exception {
        Path maps = tmp.resolve("maps");
        Cli.Result r = Cli.run("translate", "--model", model.toString(), "--text", "hund katze haus .", "--text", "ein zwei .",
                "--heatmaps", maps.toString(), "--threads", "1", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(2, Json.tree(r.out(), "stdout").get("translations").size(), r.out());
        assertTrue(Files.size(maps.resolve("attention_1.png")) > 1000 && Files.size(maps.resolve("attention_2.png")) > 1000);
    }

    @Test
    void transformerAndLuongLstmTrain() {
        String[][] variants = {{"--arch", "transformer", "--heads", "2"}, {"--arch", "lstm", "--attention", "luong-general"}};
        for (String[] v : variants) {
            String[] base = {"train", "translate", "--src", train[0].toString(), "--tgt", train[1].toString(), "--valid-src",
                    valid[0].toString(), "--valid-tgt", valid[1].toString(), "--embedding", "16", "--hidden", "16", "--feed-forward", "32",
                    "--layers", "1", "--vocab", "300", "--epochs", "1", "--batch", "32", "--out", tmp.resolve(v[1]).toString(), "--threads", "1"};
            String[] all = new String[base.length + v.length];
            System.arraycopy(base, 0, all, 0, base.length);
            System.arraycopy(v, 0, all, base.length, v.length);
            Cli.Result r = Cli.run(all);
            assertEquals(0, r.exit(), String.join(" ", v) + "\n" + r);
            Cli.Result t = Cli.run("translate", "--model", tmp.resolve(v[1]).toString(), "--text", "hund .", "--beam", "3");
            assertEquals(0, t.exit(), t.toString());
        }
    }
}
