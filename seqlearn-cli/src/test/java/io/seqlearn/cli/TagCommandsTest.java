package io.seqlearn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqlearn.tasks.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train tag → eval tag → tag on generated CoNLL-style data. */
class TagCommandsTest {
    @TempDir Path tmp;

    @Test
    void trainsEvaluatesAndTags() throws Exception {
        Path train = TestData.tagged(tmp.resolve("train.conll"), 200, 1), dev = TestData.tagged(tmp.resolve("dev.conll"), 40, 2);
        Path dir = tmp.resolve("run");
        Cli.Result r = Cli.run("train", "tag", "--train", train.toString(), "--valid", dev.toString(), "--embedding", "16", "--hidden", "16",
                "--epochs", "5", "--lr", "0.02", "--out", dir.toString(), "--threads", "1", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Json.tree(r.out(), "stdout").get("valid").get("val_accuracy").asDouble() > 0.9, r.out());
        Cli.Result e = Cli.run("eval", "tag", "--model", dir.toString(), "--data", dev.toString(), "--json");
        assertEquals(0, e.exit(), e.toString());
        JsonNode j = Json.tree(e.out(), "stdout");
        assertEquals(java.util.List.of("CAP", "NUM", "O"), Json.mapper().convertValue(j.get("labels"), java.util.List.class));
        Cli.Result t = Cli.run("tag", "--model", dir.toString(), "--text", "the cat sat in Paris on 42");
        assertEquals(0, t.exit(), t.toString());
        assertTrue(t.out().contains("Paris/CAP") && t.out().contains("42/NUM") && t.out().contains("cat/O"), t.out());
    }
}
