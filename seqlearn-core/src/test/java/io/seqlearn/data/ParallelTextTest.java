package io.seqlearn.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelTextTest {
    @TempDir
    Path dir;

    @Test
    void pairsLinesByNumber() throws IOException {
        Path en = Files.writeString(dir.resolve("train.en"), "A man.\nTwo dogs.\n");
        Path de = Files.writeString(dir.resolve("train.de"), "Ein Mann.\r\nZwei Hunde.");
        assertEquals(List.of(new SentencePair(1, "A man.", "Ein Mann."), new SentencePair(2, "Two dogs.", "Zwei Hunde.")),
                ParallelText.read(en, de));
    }

    @Test
    void mismatchedLineCountsNameBothFilesAndCounts() throws IOException {
        Path en = Files.writeString(dir.resolve("a.en"), "1\n2\n3\n");
        Path de = Files.writeString(dir.resolve("a.de"), "1\n2\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ParallelText.read(en, de));
        assertEquals("parallel text: " + en + " has 3 lines but " + de + " has 2; the files must be line-aligned", e.getMessage());
        DataFormatException e2 = assertThrows(DataFormatException.class, () -> ParallelText.read(de, en));
        assertTrue(e2.getMessage().contains("has 2 lines but " + en + " has 3"), e2.getMessage());
    }
}
