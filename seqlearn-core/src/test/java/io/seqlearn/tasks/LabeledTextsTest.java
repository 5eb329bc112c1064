package io.seqlearn.tasks;

import io.seqlearn.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabeledTextsTest {
    @TempDir Path tmp;

    private LabeledTexts read(String content) throws Exception {
        return LabeledTexts.read(Files.writeString(tmp.resolve("f.tsv"), content));
    }

    @Test
    void glueHeaderAndColumnsByName() throws Exception {
        LabeledTexts t = read("label\tsentence\n1\tgood film \n0\tbad \"film\"\n");
        assertEquals(List.of("good film", "bad \"film\""), t.texts());
        assertEquals(List.of("1", "0"), t.labels());
        assertEquals(3, t.lines()[1]);
    }

    @Test
    void headerGuessedFromNumericLabelsAndAbsentOtherwise() throws Exception {
        assertEquals(2, read("text\tstars\nfine\t4\nmeh\t2\n").size());
        LabeledTexts noHeader = read("fine\tpos\nmeh\tneg\n");
        assertEquals(List.of("pos", "neg"), noHeader.labels());
    }

    @Test
    void errorsNameTheFileAndLine() {
        var e = assertThrows(DataFormatException.class, () -> read("only one column\nsecond\n"));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("no tab"), e.getMessage());
        var empty = assertThrows(DataFormatException.class, () -> read(""));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        var blank = assertThrows(DataFormatException.class, () -> read("a\tx\nb\t \n"));
        assertTrue(blank.getMessage().contains("line 2: empty label"), blank.getMessage());
    }
}
