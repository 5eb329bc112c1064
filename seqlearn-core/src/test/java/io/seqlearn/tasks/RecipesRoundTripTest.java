package io.seqlearn.tasks;

import io.seqlearn.io.ModelFileException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java use of the recipes: train tiny models, save, load, and get the same answers; wrong-task files fail clearly. */
class RecipesRoundTripTest {
    @TempDir static Path tmp;
    static LanguageModel lm;
    static Path lmFile;

    @BeforeAll
    static void trainLanguageModel() throws Exception {
        String text = "abcd efgh. ".repeat(300);
        var c = LanguageModel.Config.defaults(LanguageModel.Level.CHAR, "lstm").withSizes(8, 24, 1).withContext(16);
        lm = LanguageModel.train(LanguageModel.Corpus.of(text, null), c,
                LanguageModel.defaultTraining(c).withEpochs(4).withBatchSize(8).withLearningRate(0.02), RunOptions.quiet());
        lmFile = tmp.resolve("lm.safetensors");
        lm.save(lmFile);
    }

    @Test
    void languageModelLearnsRoundTripsAndSamplesReproducibly() throws Exception {
        LanguageModelEval e = lm.evaluate("abcd efgh. abcd efgh. abcd efgh. ");
        assertTrue(e.bitsPerToken() < 1.0, "a periodic text is nearly certain: " + e);
        LanguageModel back = LanguageModel.load(lmFile);
        assertEquals(e.loss(), back.evaluate("abcd efgh. abcd efgh. abcd efgh. ").loss(), 1e-9);
        String a = lm.generate("abc", 30, 0.8, 0, 1.0, 5), b = back.generate("abc", 30, 0.8, 0, 1.0, 5);
        assertEquals(a, b);
        assertTrue(a.startsWith("abcd efgh."), a);
        assertEquals("abcd efgh. abcd efgh.", lm.generate("abcd efgh. ", 10, 0, 0, 1.0, 1), "greedy continues the period");
    }

    @Test
    void wordLevelEncodesLinesWithEos() {
        var c = LanguageModel.Config.defaults(LanguageModel.Level.WORD, "lstm");
        LanguageModelData d = LanguageModelData.prepare(LanguageModel.Corpus.of("a b\n\nb c\n", "a c\n"), c, 2);
        int eos = d.tokenizer().vocabulary().eosId();
        assertEquals(List.of("<unk>", "<eos>", "b", "a", "c"), d.tokenizer().vocabulary().tokens());
        assertArrayEquals(new int[]{3, 4, eos}, d.validIds());
        assertEquals(6, d.summary().get("train_tokens"), "blank lines are skipped");
    }

    @Test
    void aModelOfAnotherTaskIsRefusedWithOneLine() {
        var e = assertThrows(ModelFileException.class, () -> TextClassifier.load(lmFile));
        assertEquals(lmFile + ": is a language model (task \"lm\"), not a text classifier; use it with generate / eval lm", e.getMessage());
        assertThrows(ModelFileException.class, () -> Forecaster.load(lmFile));
        assertThrows(ModelFileException.class, () -> Translator.load(lmFile));
        assertThrows(ModelFileException.class, () -> SequenceTagger.load(lmFile));
    }

    @Test
    void forecasterRoundTripsAndIsShiftEquivariant() throws Exception {
        StringBuilder sb = new StringBuilder("t,a,y\n");
        for (int i = 0; i < 300; i++) sb.append(i).append(',').append(Math.sin(i / 3.0)).append(',').append(Math.cos(i / 5.0)).append('\n');
        Path csv = Files.writeString(tmp.resolve("s.csv"), sb);
        SeriesTable t = SeriesTable.read(csv, List.of("y"), List.of("a"));
        assertEquals(List.of("a", "y"), t.inputs());
        Forecaster f = Forecaster.train(t, Forecaster.Config.defaults("gru", 12, 3).withSizes(8, 1),
                Forecaster.defaultTraining().withEpochs(2), RunOptions.quiet());
        Path file = tmp.resolve("f.safetensors");
        f.save(file);
        Forecaster back = Forecaster.load(file);
        assertArrayEquals(f.forecast(t, 200).predicted()[2], back.forecast(t, 200).predicted()[2], 1e-9);
        assertEquals(f.evaluate(t, "test").mse(), back.evaluate(t, "test").mse(), 1e-12);
        // mean normalisation: adding 10 to the target's history adds 10 to its forecast
        double[][] shifted = new double[t.rows()][];
        for (int r = 0; r < t.rows(); r++) shifted[r] = new double[]{t.values()[r][0], t.values()[r][1] + 10};
        SeriesTable s2 = new SeriesTable(csv, t.inputs(), t.targets(), shifted);
        double[][] p1 = f.forecast(t, 200).predicted(), p2 = f.forecast(s2, 200).predicted();
        for (int h = 0; h < 3; h++) assertEquals(p1[h][0] + 10, p2[h][0], 1e-4);
    }
}
