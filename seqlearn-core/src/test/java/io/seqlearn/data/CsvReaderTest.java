package io.seqlearn.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String s) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, s, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void detectsTheAirlinePassengersHeader() throws IOException {
        // Quoted header, quoted non-numeric first column, CRLF, no final newline: the real file's shape.
        Path f = write("air.csv", "\"Month\",\"Passengers\"\r\n\"1949-01\",112\r\n\"1949-02\",118");
        CsvTable t = CsvTable.read(f, CsvOptions.csv());
        assertTrue(t.hasHeader());
        assertEquals(List.of("Month", "Passengers"), t.columns());
        assertArrayEquals(new double[] {112, 118}, t.column("Passengers"));
        assertEquals(List.of("1949-01", "1949-02"), t.strings("Month"));
    }

    @Test
    void noHeaderWhenEveryRowLooksAlikeOrWhenToldSo() throws IOException {
        Path nums = write("n.csv", "1,2\n3,4\n");
        CsvTable t = CsvTable.read(nums, CsvOptions.csv());
        assertFalse(t.hasHeader());
        assertEquals(List.of("0", "1"), t.columns());
        assertEquals(2, t.rowCount());
        Path words = write("w.tsv", "sentence\tlabel_text\nhello\tpos\n");
        assertFalse(CsvTable.read(words, CsvOptions.tsv()).hasHeader());
        assertTrue(CsvTable.read(words, CsvOptions.tsv().withHeader(CsvOptions.Header.PRESENT)).hasHeader());
        assertFalse(CsvTable.read(write("h.csv", "a,b\n1,2\n"), CsvOptions.csv().withHeader(CsvOptions.Header.ABSENT)).hasHeader());
    }

    @Test
    void rfc4180QuotedFields() throws IOException {
        Path f = write("q.csv", "id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\r\nlines\"\n4,plain \"quote\"\n5,\n");
        CsvTable t = CsvTable.read(f, CsvOptions.csv());
        assertEquals(List.of("a, b", "say \"hi\"", "two\nlines", "plain \"quote\"", ""), t.strings("text"));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, t.ints("id"));
        assertEquals(4, t.row(2).line(), "a record spanning lines 4-5 starts on line 4");
        assertEquals(6, t.row(3).line(), "the record after it starts on line 6");
        assertEquals(7, t.row(4).line());
    }

    @Test
    void tsvWithoutQuotingKeepsQuotesAsData() throws IOException {
        Path f = write("sst.tsv", "sentence\tlabel\n\" the movie \" rocks \t1\n\nbad \t0\n");
        CsvTable t = CsvTable.read(f, CsvOptions.tsv());
        assertEquals(List.of("\" the movie \" rocks ", "bad "), t.strings("sentence"));
        assertArrayEquals(new int[] {1, 0}, t.ints("label"));
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereItStarted() throws IOException {
        Path f = write("u.csv", "a,b\n1,2\n3,\"open\nstill open\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvTable.read(f, CsvOptions.csv()));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    @Test
    void junkAfterClosingQuoteAndRaggedRowsAreErrors() throws IOException {
        Path junk = write("j.csv", "a,b\n\"x\"y,2\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvTable.read(junk, CsvOptions.csv().withHeader(CsvOptions.Header.PRESENT)));
        assertEquals(junk + " line 2: unexpected character 'y' after the closing quote of field 1", e.getMessage());
        Path ragged = write("r.csv", "a,b\n1,2\n3\n");
        DataFormatException r = assertThrows(DataFormatException.class, () -> CsvTable.read(ragged, CsvOptions.csv()));
        assertEquals(ragged + " line 3: expected 2 fields (as on line 1), got 1", r.getMessage());
    }

    @Test
    void missingColumnListsTheAvailableOnes() throws IOException {
        Path f = write("e.csv", "date,HUFL,OT\n2016-07-01 00:00:00,5.8,30.5\n2016-07-01 01:00:00,5.6,27.7\n");
        CsvTable t = CsvTable.read(f, CsvOptions.csv());
        DataFormatException e = assertThrows(DataFormatException.class, () -> t.column("TEMP"));
        assertEquals(f + ": no column 'TEMP'; available: date, HUFL, OT", e.getMessage());
        double[][] m = t.matrix("OT", "HUFL");
        assertArrayEquals(new double[] {30.5, 5.8}, m[0]);
        assertArrayEquals(new double[] {27.7, 5.6}, m[1]);
    }

    @Test
    void nonNumericValueNamesFileLineColumnAndValue() throws IOException {
        Path f = write("bad.csv", "x,y\n1,2\n3,4\n5,oops\n");
        CsvTable t = CsvTable.read(f, CsvOptions.csv());
        DataFormatException e = assertThrows(DataFormatException.class, () -> t.column("y"));
        assertEquals(f + " line 4: column 'y': 'oops' is not a number", e.getMessage());
        assertEquals(4, e.line());
        DataFormatException i = assertThrows(DataFormatException.class, () -> t.ints("y"));
        assertTrue(i.getMessage().contains("'oops' is not an integer"));
    }

    @Test
    void streamingReaderGivesRecordsOneByOne() throws IOException {
        Path f = write("s.csv", "a,b\n1,2\n3,4\n");
        try (CsvReader r = CsvReader.open(f, CsvOptions.csv())) {
            assertEquals(List.of("a", "b"), r.columns());
            assertEquals(List.of("1", "2"), r.next().fields());
            assertEquals(List.of("3", "4"), r.next().fields());
            assertNull(r.next());
        }
    }

    @Test
    void emptyFileHasNoColumns() throws IOException {
        CsvTable t = CsvTable.read(write("empty.csv", ""), CsvOptions.csv());
        assertEquals(0, t.rowCount());
        assertEquals(List.of(), t.columns());
    }

    @Test
    void optionsRejectImpossibleDelimiters() {
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.csv().withDelimiter('"'));
    }
}
