package io.seqlearn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqlearn.cli.quickstart.QuickstartCorpus;
import io.seqlearn.tasks.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train lm → eval lm → generate → info, end to end on tiny generated text. */
class LmCommandsTest {
    @TempDir static Path tmp;
    static Path text;
    static Path words;
    static Path charModel;

    @BeforeAll
    static void trainOnce() throws Exception {
        text = tmp.resolve("text.txt");
        Files.writeString(text, QuickstartCorpus.generate(1, 6000));
        words = tmp.resolve("words.txt");
        Files.writeString(words, QuickstartCorpus.generate(2, 6000).replace(". ", " .\n").replace("! ", " !\n"));
        Path dir = tmp.resolve("char-run");
        Cli.Result r = Cli.run("train", "lm", "--data", text.toString(), "--hidden", "24", "--embedding", "8", "--layers", "1",
                "--context", "32", "--epochs", "2", "--batch", "8", "--out", dir.toString(), "--threads", "1", "--test", text.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Test:") && r.out().contains("bits/char"), r.out());
        charModel = dir.resolve("model.safetensors");
        for (String f : new String[]{"model.safetensors", "history.csv", "config.json", "result.json", "history.png"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        JsonNode config = Json.tree(Files.readString(dir.resolve("config.json")), "config");
        assertEquals("lm", config.get("task").asText());
        assertEquals(24, config.get("recipe").get("hidden").asInt());
        assertTrue(config.get("command").asText().startsWith("seqlearn train lm --data"), config.toString());
    }

    @Test
    void evalReportsPerplexityAndBitsPerChar() {
        Cli.Result r = Cli.run("eval", "lm", "--model", charModel.toString(), "--data", text.toString(), "--json", "--threads", "1");
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = Json.tree(r.out(), "stdout");
        double bpc = j.get("bits_per_char").asDouble(), ppl = j.get("perplexity").asDouble();
        assertTrue(bpc > 0 && bpc < Math.log(40) / Math.log(2), "trained below uniform: " + bpc);
        assertEquals(Math.pow(2, bpc), ppl, 1e-6 * ppl, "perplexity = 2^(bits per char)");
    }

    @Test
    void generateContinuesThePromptAndIsSeeded() {
        Cli.Result a = Cli.run("generate", "--model", charModel.toString(), "--prompt", "The ", "--length", "30", "--seed", "7", "--threads", "1");
        Cli.Result b = Cli.run("generate", "--model", charModel.toString(), "--prompt", "The ", "--length", "30", "--seed", "7",
                "--top-k", "5", "--temperature", "0.5", "--threads", "1");
        Cli.Result c = Cli.run("generate", "--model", charModel.toString(), "--prompt", "The ", "--length", "30", "--seed", "7", "--threads", "1");
        assertEquals(0, a.exit(), a.toString());
        assertEquals(0, b.exit(), b.toString());
        assertTrue(a.out().startsWith("The ") && a.out().strip().length() >= 30, a.out());
        assertEquals(a.out(), c.out(), "same seed, same text");
    }

    @Test
    void infoDescribesTheModel() {
        Cli.Result r = Cli.run("info", "--model", charModel.getParent().toString(), "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = Json.tree(r.out(), "stdout");
        assertEquals("lm", j.get("task").asText());
        assertEquals("char", j.get("tokenizer").get("type").asText());
        assertTrue(j.get("parameters").asLong() > 1000);
        assertEquals(2, j.get("training").get("epochs").asInt());
        Cli.Result t = Cli.run("info", "--model", charModel.toString());
        assertTrue(t.out().contains("language model") && t.out().contains("parameters:"), t.out());
    }

    @Test
    void wordLevelGruAndTransformerTrain() {
        for (String arch : new String[]{"gru", "transformer"}) {
            Path dir = tmp.resolve("word-" + arch);
            Cli.Result r = Cli.run("train", "lm", "--data", words.toString(), "--level", "word", "--arch", arch, "--hidden", "16",
                    "--embedding", "16", "--layers", "1", "--heads", "2", "--context", "12", "--epochs", "1", "--batch", "4",
                    "--out", dir.toString(), "--threads", "1", "--json");
            assertEquals(0, r.exit(), r.toString());
            JsonNode j = Json.tree(r.out(), "stdout");
            assertTrue(j.get("valid").get("val_ppl").asDouble() > 1, r.out());
            Cli.Result g = Cli.run("generate", "--model", dir.toString(), "--prompt", "the baker", "--length", "8", "--threads", "1");
            assertEquals(0, g.exit(), g.toString());
            assertTrue(g.out().startsWith("the baker "), g.out());
        }
    }
}
