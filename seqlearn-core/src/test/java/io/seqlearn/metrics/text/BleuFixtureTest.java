package io.seqlearn.metrics.text;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sacreBLEU's own numbers ({@code fixtures/metrics/bleu.json}, made by {@code seqlearn-peers/fixtures/gen_bleu.py}
 * with sacrebleu 2.6.0): 13a tokens, n-gram statistics and scores must agree, corpus and sentence level.
 */
class BleuFixtureTest {
    private static final double TOL = 1e-9;
    private static JsonNode fixture;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = BleuFixtureTest.class.getResourceAsStream("/fixtures/metrics/bleu.json")) {
            assertNotNull(in, "fixtures/metrics/bleu.json is missing from the test resources");
            fixture = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void tokenizerMatchesSacreBleu13a() {
        for (JsonNode s : fixture.get("sentences")) {
            assertEquals(s.get("hyp_tokens").asText(), Tokenizer13a.tokenize(s.get("hyp").asText()), s.get("hyp").asText());
            assertEquals(s.get("ref_tokens").asText(), Tokenizer13a.tokenize(s.get("ref").asText()), s.get("ref").asText());
        }
    }

    @Test
    void corpusBleuMatchesSacreBleu() {
        List<String> hyps = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (JsonNode s : fixture.get("sentences")) {
            hyps.add(s.get("hyp").asText());
            refs.add(s.get("ref").asText());
        }
        assertMatches(fixture.get("corpus"), Bleu.corpus(hyps, List.of(refs)), "corpus");
    }

    @Test
    void sentenceBleuMatchesSacreBleu() {
        int i = 0;
        for (JsonNode s : fixture.get("sentences")) {
            BleuScore got = Bleu.sentence(s.get("hyp").asText(), List.of(s.get("ref").asText()));
            assertMatches(s, got, "sentence " + i++);
        }
        assertTrue(i >= 20, "the fixture has its 22 pairs");
    }

    private static void assertMatches(JsonNode want, BleuScore got, String what) {
        assertArrayEquals(longs(want.get("counts")), got.counts(), what + " counts");
        assertArrayEquals(longs(want.get("totals")), got.totals(), what + " totals");
        assertEquals(want.get("sys_len").asLong(), got.sysLen(), what + " sys_len");
        assertEquals(want.get("ref_len").asLong(), got.refLen(), what + " ref_len");
        assertEquals(want.get("bp").asDouble(), got.bp(), TOL, what + " bp");
        for (int n = 0; n < 4; n++) {
            assertEquals(want.get("precisions").get(n).asDouble(), got.precisions()[n], TOL, what + " precision " + (n + 1));
        }
        assertEquals(want.get("score").asDouble(), got.score(), TOL, what + " score");
    }

    private static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asLong();
        return out;
    }
}
