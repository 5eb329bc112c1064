package io.seqlearn.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Bad input gives one line on stderr naming the file (and line) and the problem, a non-zero exit code, and no
 * stack trace unless --debug.
 */
class BadInputTest {
    @TempDir static Path tmp;
    static Path series, forecaster;

    @BeforeAll
    static void smallForecaster() throws Exception {
        series = TestData.series(tmp.resolve("series.csv"), 200, 1);
        Path dir = tmp.resolve("fc");
        Cli.Result r = Cli.run("train", "forecast", "--csv", series.toString(), "--target", "y", "--lookback", "8", "--horizon", "2",
                "--hidden", "4", "--epochs", "1", "--out", dir.toString(), "--threads", "1", "--quiet");
        assertEquals(0, r.exit(), r.toString());
        forecaster = dir.resolve("model.safetensors");
    }

    /** Exit 2, exactly one stderr line starting "seqlearn: error:" that contains every {@code parts}, no stack trace. */
    static void fails(Cli.Result r, String... parts) {
        assertEquals(2, r.exit(), r.toString());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line:\n" + r.err());
        assertTrue(err.startsWith("seqlearn: error: "), err);
        for (String p : parts) assertTrue(err.contains(p), "'" + p + "' in: " + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
        fails(Cli.run("train", "lm", "--data", empty.toString(), "--out", tmp.resolve("x").toString()), empty.toString(), "empty");
        Path emptyTsv = Files.writeString(tmp.resolve("empty.tsv"), "");
        fails(Cli.run("train", "classify", "--train", emptyTsv.toString(), "--out", tmp.resolve("x").toString()), emptyTsv.toString(), "empty");
    }

    @Test
    void missingAndUnreadableFiles() throws Exception {
        Path missing = tmp.resolve("nope.txt");
        fails(Cli.run("train", "lm", "--data", missing.toString()), missing.toString(), "no such file");
        Path locked = Files.writeString(tmp.resolve("locked.txt"), "some text here");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "running as root: permissions are not enforced");
        fails(Cli.run("train", "lm", "--data", locked.toString()), locked.toString(), "permission denied");
    }

    @Test
    void csvWithoutTheNamedColumn() {
        fails(Cli.run("train", "forecast", "--csv", series.toString(), "--target", "price"), series.toString(), "no column 'price'", "load");
    }

    @Test
    void nonNumericValue() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "t,y\n1,0.5\n2,0.7\n3,oops\n4,0.1\n");
        fails(Cli.run("train", "forecast", "--csv", bad.toString(), "--target", "y"), bad + " line 4", "'oops' is not a number");
    }

    @Test
    void lookbackLongerThanTheSeries() throws Exception {
        fails(Cli.run("train", "forecast", "--csv", series.toString(), "--target", "y", "--lookback", "500"), series.toString(),
                "lookback 500", "the series has 200");
        Path shortSeries = TestData.series(tmp.resolve("short.csv"), 6, 2);
        fails(Cli.run("eval", "forecast", "--model", forecaster.toString(), "--csv", shortSeries.toString(), "--part", "all"),
                shortSeries.toString(), "the series has 6");
        fails(Cli.run("eval", "forecast", "--model", forecaster.toString(), "--csv", shortSeries.toString()), shortSeries.toString());
        fails(Cli.run("forecast", "--model", forecaster.toString(), "--csv", series.toString(), "--at", "3"), series.toString(), "lookback 8");
    }

    @Test
    void labelSeenOnlyAtTestTime() throws Exception {
        Path train = TestData.sentiment(tmp.resolve("tr.tsv"), 60, 1, true);
        Path dir = tmp.resolve("cls");
        assertEquals(0, Cli.run("train", "classify", "--train", train.toString(), "--epochs", "1", "--hidden", "4", "--embedding", "4",
                "--out", dir.toString(), "--threads", "1", "--quiet").exit());
        Path test = Files.writeString(tmp.resolve("te.tsv"), "sentence\tlabel\na fine film\tpos\nwhat a plot\tneutral\n");
        fails(Cli.run("eval", "classify", "--model", dir.toString(), "--data", test.toString()), test + " line 3", "label 'neutral'", "pos");
    }

    @Test
    void invalidUtf8() throws Exception {
        Path bad = tmp.resolve("latin1.txt");
        Files.write(bad, new byte[]{'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        fails(Cli.run("train", "lm", "--data", bad.toString()), bad + " line 2", "UTF-8");
    }

    @Test
    void modelOfAnotherTask() {
        fails(Cli.run("generate", "--model", forecaster.toString()), forecaster.toString(), "forecaster", "not a language model");
        fails(Cli.run("classify", "--model", forecaster.toString(), "--text", "hi"), "not a text classifier");
        fails(Cli.run("translate", "--model", forecaster.toString(), "--text", "hi"), "not a translator");
    }

    @Test
    void notAModelFile() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.safetensors"), "not a model");
        fails(Cli.run("info", "--model", junk.toString()), junk.toString());
    }

    @Test
    void debugShowsTheStackTrace() {
        Cli.Result r = Cli.run("generate", "--model", forecaster.toString(), "--debug");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("\tat ") && r.err().contains("seqlearn: error:"), r.err());
    }

    @Test
    void usageErrorsAreReportedByPicocli() {
        Cli.Result r = Cli.run("train", "lm");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Missing required option: '--data=FILE'"), r.err());
    }
}
