package io.seqlearn.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
    @TempDir
    Path dir;

    private Path write(byte[] bytes) throws IOException {
        Path f = dir.resolve("t.txt");
        Files.write(f, bytes);
        return f;
    }

    private Path write(String s) throws IOException { return write(s.getBytes(StandardCharsets.UTF_8)); }

    @Test
    void lineEndingsBomAndMissingFinalNewline() throws IOException {
        assertEquals(List.of("a", "b", "", "c"), TextFiles.readLines(write("\uFEFFa\r\nb\n\nc")));
        assertEquals(List.of("a", "b"), TextFiles.readLines(write("a\nb\n")));
        assertEquals(List.of(), TextFiles.readLines(write("")));
        assertEquals(List.of(""), TextFiles.readLines(write("\n")));
        assertEquals(List.of("x\ry"), TextFiles.readLines(write("x\ry")));
    }

    @Test
    void multiByteCharactersAndLinesLongerThanTheBuffer() throws IOException {
        String longLine = "ä😀".repeat(50_000);
        assertEquals(List.of("naïve", longLine, "end"), TextFiles.readLines(write("naïve\n" + longLine + "\nend\n")));
    }

    @Test
    void invalidUtf8NamesFileLineAndByte() throws IOException {
        byte[] bytes = {'o', 'k', '\n', 'a', 'b', (byte) 0xFF, 'c', '\n'};
        Path f = write(bytes);
        DataFormatException e = assertThrows(DataFormatException.class, () -> TextFiles.readLines(f));
        assertEquals(2, e.line());
        assertEquals(f, e.file());
        assertEquals(f + " line 2: invalid UTF-8 at byte 3 of the line (0xFF)", e.getMessage());
        DataFormatException e2 = assertThrows(DataFormatException.class, () -> TextFiles.readString(f));
        assertEquals(e.getMessage(), e2.getMessage());
    }

    @Test
    void rejectsOverlongSurrogateAndTruncatedSequences() throws IOException {
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0xAF},                           // overlong '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},              // encoded surrogate U+D800
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xE2, (byte) 0x82},                           // truncated at end of line
            {(byte) 0x80},                                        // stray continuation byte
        };
        for (byte[] b : bad) {
            Path f = write(b);
            assertThrows(DataFormatException.class, () -> TextFiles.readLines(f));
        }
        assertEquals(List.of("€"), TextFiles.readLines(write(new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC})));
    }

    @Test
    void lazyStreamReadsAndCloses() throws IOException {
        Path f = write("1\n2\n3\n");
        try (Stream<String> s = TextFiles.lines(f)) {
            assertEquals(6, s.mapToInt(Integer::parseInt).sum());
        }
    }

    @Test
    void readStringKeepsLineTerminators() throws IOException {
        assertEquals("a\r\nb\n", TextFiles.readString(write("\uFEFFa\r\nb\n")));
    }

    @Test
    void lineNumbersFollowTheLinesRead() throws IOException {
        try (Utf8LineReader r = new Utf8LineReader(new ByteArrayInputStream("x\ny".getBytes(StandardCharsets.UTF_8)), null)) {
            List<Integer> numbers = new ArrayList<>();
            while (r.readLine() != null) numbers.add(r.lineNumber());
            assertEquals(List.of(1, 2), numbers);
        }
    }
}
