package io.seqlearn.train;

import io.seqlearn.io.ModelFile;
import io.seqlearn.io.ModelFileContents;
import io.seqlearn.io.ModelFileException;
import io.seqlearn.layers.Bidirectional;
import io.seqlearn.layers.Dense;
import io.seqlearn.layers.Embedding;
import io.seqlearn.layers.GRU;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile architectures: random edits of a valid model file's architecture JSON (numbers replaced by extreme
 * values, strings swapped, entries dropped) either load or fail with a {@link ModelFileException} — never
 * another exception, an OutOfMemoryError, or a model that does not fit its weights.
 */
class ArchitectureFuzzTest {
    private static final Pattern TOKEN = Pattern.compile("-?\\d+(\\.\\d+)?|\"[^\"]*\"");
    private static final String[] NUMBERS = {"0", "-1", "1", "2", "3", "7", "-7", "2147483647", "-2147483648",
            "9223372036854775807", "1e308", "0.5", "\"x\"", "null", "[]", "{}", "true"};
    private static final String[] STRINGS = {"\"Dense\"", "\"GRU\"", "\"Bidirectional\"", "\"Functional\"", "\"Sequential\"",
            "\"call:9:0\"", "\"input:nope\"", "\"x\"", "\"lengths\"", "\"\"", "\"F64\"", "\"F16\"", "\"concat\"", "1", "null"};

    private static final ModelFileContents VALID = valid();

    private static ModelFileContents valid() {
        try {
            Sequential m = new Sequential(new Embedding(6, 4, true), new Bidirectional(new GRU(3, true, false), "ave"), new Dense(2))
                    .input(-1);
            Path f = Files.createTempFile("fuzz-", ".safetensors");
            m.save(f);
            ModelFileContents c = ModelFile.read(f);
            Files.delete(f);
            return c;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 200)
    void mutatedArchitecturesLoadOrFailCleanly(@ForAll @IntRange(min = 0, max = 10_000) int where,
                                              @ForAll @IntRange(min = 0, max = 100) int what,
                                              @ForAll @IntRange(min = 1, max = 3) int edits) throws Exception {
        String arch = VALID.architecture();
        for (int e = 0; e < edits; e++) arch = mutate(arch, where * (e + 7), what + e);
        Path f = Files.createTempFile("fuzz-", ".safetensors");
        try {
            try {
                ModelFile.write(f, new ModelFileContents(VALID.weights(), Map.of(), Map.of("architecture", arch)));
            } catch (IllegalArgumentException notJson) {
                return;  // the writer refuses invalid JSON itself
            }
            try {
                Model m = Model.load(f);
                assertEquals(VALID.weights().keySet(), m.stateDict().keySet(), "a loaded model fits its weights");
            } catch (ModelFileException expected) {
                assertTrue(expected.getMessage().startsWith(f.toString()), expected.getMessage());
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static String mutate(String json, int where, int what) {
        List<int[]> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(json);
        while (m.find()) tokens.add(new int[]{m.start(), m.end()});
        int[] t = tokens.get(Math.floorMod(where, tokens.size()));
        String old = json.substring(t[0], t[1]);
        String[] pool = old.startsWith("\"") ? STRINGS : NUMBERS;
        String replacement = what % 10 == 9 ? "" : pool[Math.floorMod(what, pool.length)];
        return json.substring(0, t[0]) + replacement + json.substring(t[1]);
    }
}
