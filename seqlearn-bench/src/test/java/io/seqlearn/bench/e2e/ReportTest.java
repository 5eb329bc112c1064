package io.seqlearn.bench.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {
    @Test
    void endToEndFromFilesToTableJsonAndPng(@TempDir Path dir) throws IOException {
        Path rows = dir.resolve("rows.tsv"), results = dir.resolve("results.jsonl");
        Files.writeString(rows, String.join("\n",
                "# comment",
                "sgemm-2048\tgemm\t1\t10\t2\tsp\tM=1000 N=1000 K=1000",
                "charlm-lstm\tcharlm\t1\t10\t2\tall\tB=10 T=10 E=4 H=4 layers=1 V=5 opt=adam lr=0.1", ""));
        Files.writeString(results, String.join("\n",
                "{\"round\":1,\"contender\":\"seqlearn\",\"row\":\"sgemm-2048\",\"ms\":[20,20,20],\"heapMB\":5,\"peakRssMB\":50}",
                "{\"round\":1,\"contender\":\"pytorch\",\"row\":\"sgemm-2048\",\"ms\":[10,10,10],\"heapMB\":5,\"peakRssMB\":60}",
                "{\"round\":1,\"contender\":\"seqlearn\",\"row\":\"charlm-lstm\",\"ms\":[50,50],\"heapMB\":7,\"peakRssMB\":70}",
                "{\"round\":1,\"contender\":\"pytorch\",\"row\":\"charlm-lstm\",\"ms\":[100,100],\"heapMB\":5,\"peakRssMB\":60}",
                "{\"round\":2,\"contender\":\"seqlearn\",\"row\":\"charlm-lstm\",\"ms\":[60,60],\"heapMB\":9,\"peakRssMB\":71}",
                "{\"round\":2,\"contender\":\"pytorch\",\"row\":\"charlm-lstm\",\"ms\":[180,180],\"heapMB\":5,\"peakRssMB\":60}",
                "{\"round\":1,\"contender\":\"dl4j\",\"row\":\"charlm-lstm\",\"na\":\"no such layer\"}", ""));
        Report.main(new String[]{rows.toString(), results.toString(), dir.toString(), "threads: 2"});

        Map<RowSpec, List<ContenderStats>> table = Report.build(RowSpec.read(rows), RunResult.read(results));
        assertEquals(200.0, Report.peak(table), 1e-9); // 2e9 FLOP in 10 ms
        ContenderStats py = table.entrySet().stream().filter(e -> e.getKey().name().equals("charlm-lstm"))
                .findFirst().orElseThrow().getValue().get(1);
        assertEquals("pytorch", py.contender());
        assertEquals(2.5, py.speedup(), 1e-12);   // median of the ratios 2 and 3
        assertEquals(2, py.pairedRounds());

        String txt = Files.readString(dir.resolve("report.txt"));
        assertTrue(txt.contains("n/a (no such layer)"), txt);
        assertTrue(txt.contains("2.50× (2 rounds)"), txt);
        assertTrue(txt.contains("sgemm peak (best median on sgemm-2048 this run): 200 GFLOP/s"), txt);
        assertTrue(Files.readString(dir.resolve("report.json")).contains("\"seqlearnSpeedup\" : 2.5"));
        assertTrue(Files.readString(dir.resolve("report.md")).startsWith("- machine:"));
        byte[] png = Files.readAllBytes(dir.resolve("report.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    }
}
