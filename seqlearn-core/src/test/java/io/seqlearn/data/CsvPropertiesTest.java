package io.seqlearn.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class CsvPropertiesTest {

    private static List<CsvRecord> parse(byte[] bytes, CsvOptions o) throws IOException {
        List<CsvRecord> out = new ArrayList<>();
        try (CsvReader r = CsvReader.of(new Utf8LineReader(new ByteArrayInputStream(bytes), null), o)) {
            for (CsvRecord rec; (rec = r.next()) != null; ) out.add(rec);
        }
        return out;
    }

    /** Fields with delimiters, quotes, line breaks and non-ASCII text (no \r: breaks are normalised to \n). */
    @Provide
    Arbitrary<List<List<String>>> table() {
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.of("", "a", "1.5", ",", "\"", "\"\"", "x,y", "line\nbreak", " sp ", "é😀", "a\"b"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(6));
        return Arbitraries.integers().between(1, 4).flatMap(cols ->
                field.list().ofSize(cols).list().ofMinSize(1).ofMaxSize(8));
    }

    /** Writing fields with RFC 4180 quoting and parsing them back gives the same fields. */
    @Property(tries = 300)
    void quotedRoundTrip(@ForAll("table") List<List<String>> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) sb.append(',');
                sb.append('"').append(row.get(i).replace("\"", "\"\"")).append('"');
            }
            sb.append(rows.indexOf(row) % 2 == 0 ? "\r\n" : "\n");
        }
        List<CsvRecord> got = parse(sb.toString().getBytes(StandardCharsets.UTF_8), CsvOptions.csv().withHeader(CsvOptions.Header.ABSENT));
        assertEquals(rows.size(), got.size());
        for (int r = 0; r < rows.size(); r++) assertEquals(rows.get(r), got.get(r).fields());
    }

    /** Random bytes: records or a DataFormatException, never another exception. */
    @Property(tries = 500)
    void randomBytesOnlyRaiseDataFormatException(@ForAll @Size(max = 200) byte[] bytes) throws IOException {
        for (CsvOptions o : List.of(CsvOptions.csv(), CsvOptions.tsv())) {
            try {
                parse(bytes, o);
            } catch (DataFormatException e) {
                assertNotNull(e.getMessage());
            }
        }
    }

    /** Random printable text with quotes and commas: same outcome contract. */
    @Property(tries = 500)
    void randomTextOnlyRaisesDataFormatException(@ForAll("noisyText") String s) throws IOException {
        try {
            List<CsvRecord> recs = parse(s.getBytes(StandardCharsets.UTF_8), CsvOptions.csv());
            for (CsvRecord r : recs) assertTrue(r.line() >= 1);
        } catch (DataFormatException e) {
            assertTrue(e.line() >= 1, e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> noisyText() {
        return Arbitraries.of("\"", ",", "\n", "\r\n", "a", "1", " ", "\"\"").list().ofMaxSize(30).map(l -> String.join("", l));
    }
}
