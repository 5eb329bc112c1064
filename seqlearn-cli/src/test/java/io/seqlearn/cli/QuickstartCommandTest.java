package io.seqlearn.cli;

import io.seqlearn.tasks.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuickstartCommandTest {
    @TempDir Path tmp;

    @Test
    void trainsShowsProgressAndGeneratesText() throws Exception {
        Path dir = tmp.resolve("qs");
        Cli.Result r = Cli.run("quickstart", "--chars", "4000", "--epochs", "2", "--hidden", "16", "--length", "40",
                "--out", dir.toString(), "--threads", "1");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("Epoch 2/2") && r.err().contains("[======"), "progress bar on stderr:\n" + r.err());
        assertTrue(r.out().contains("Generated text:") && r.out().contains("The "), r.out());
        for (String f : new String[]{"model.safetensors", "history.csv", "history.png", "config.json", "sample.txt"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        String sample = Files.readString(dir.resolve("sample.txt"));
        assertTrue(sample.startsWith("The ") && sample.length() >= 40, sample);
        assertEquals(3, Files.readAllLines(dir.resolve("history.csv")).size(), "header + 2 epochs");
    }

    @Test
    void jsonOutputIsOneObject() throws Exception {
        Cli.Result r = Cli.run("quickstart", "--chars", "3000", "--epochs", "1", "--hidden", "8", "--length", "10",
                "--out", tmp.resolve("q2").toString(), "--threads", "1", "--json");
        assertEquals(0, r.exit(), r.toString());
        var node = Json.tree(r.out().strip(), "stdout");
        assertTrue(node.get("val_bits_per_char").asDouble() > 0, r.out());
        assertTrue(node.get("sample").asText().startsWith("The "), r.out());
    }
}
