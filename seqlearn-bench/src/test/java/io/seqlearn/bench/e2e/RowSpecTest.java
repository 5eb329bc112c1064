package io.seqlearn.bench.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowSpecTest {
    private static RowSpec spec(String kind, String params) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        for (String kv : params.split(" ")) p.put(kv.split("=")[0], kv.split("=")[1]);
        return new RowSpec("x", kind, 1, 1, 1, "all", p);
    }

    @Test
    void recurrentFlopsFollowTheIssueFormula() {
        // 3 * 2 * B * T * G*H * (I + H) with G = 4 for LSTM at size S
        assertEquals(3.0 * 2 * 32 * 50 * 4 * 128 * (128 + 128),
                spec("recurrent", "cell=lstm mode=train B=32 T=50 I=128 H=128").flops());
        assertEquals(2.0 * 64 * 100 * 3 * 256 * 512, spec("recurrent", "cell=gru mode=infer B=64 T=100 I=256 H=256").flops());
        assertEquals(3.0 * 2 * 64 * 100 * 512 * 1024, spec("recurrent", "cell=rnn mode=train B=64 T=100 I=512 H=512").flops());
    }

    @Test
    void attentionAndLanguageModelFlops() {
        double b = 32, t = 128, d = 256;
        double mha = 8 * b * t * d * d + 4 * b * t * t * d;
        assertEquals(3 * mha, spec("mha", "B=32 T=128 D=256 heads=4").flops());
        assertEquals(3 * (mha + 4 * b * t * d * 1024), spec("encoder", "B=32 T=128 D=256 heads=4 FF=1024").flops());
        double lm = 2.0 * 64 * 100 * 256 * 65 + 2.0 * 64 * 100 * 1024 * (64 + 256) + 2.0 * 64 * 100 * 1024 * (256 + 256);
        RowSpec charlm = spec("charlm", "B=64 T=100 E=64 H=256 layers=2 V=65 opt=adam lr=0.002");
        assertEquals(3 * lm, charlm.flops(), 1e-6 * lm);
        assertEquals(6400, charlm.tokensPerStep());
        assertTrue(charlm.endToEnd());
        assertFalse(spec("gemm", "M=2 N=3 K=4").endToEnd());
        assertEquals(48, spec("gemm", "M=2 N=3 K=4").flops());
    }

    @Test
    void theCommittedRowTableParsesAndEveryRowHasWork() throws IOException {
        Path tsv = Path.of("..", "bench", "rows.tsv");
        List<RowSpec> rows = RowSpec.read(tsv);
        assertTrue(rows.size() >= 18, "rows: " + rows.size());
        for (RowSpec r : rows) {
            assertTrue(r.flops() > 0, r.name());
            assertTrue(r.steps() >= 10, r.name() + ": at least 10 timed steps");
            assertTrue(r.rounds() >= 2, r.name());
            assertTrue(r.contenders().equals("all") || r.contenders().equals("sp"), r.name());
        }
    }

    @Test
    void aMalformedLineIsRejectedWithItsText(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path bad = dir.resolve("rows.tsv");
        Files.writeString(bad, "lstm\trecurrent\t1\t10\n");
        IOException e = assertThrows(IOException.class, () -> RowSpec.read(bad));
        assertTrue(e.getMessage().contains("expected 7 tab-separated fields"), e.getMessage());
    }
}
