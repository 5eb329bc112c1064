package io.seqlearn.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One process's result as bench/run recorded it (one line of results.jsonl): the contender's JSON line with
 * the round number added, or an "na" reason, or an "error" when the process failed.
 */
record RunResult(String contender, String row, int round, List<Double> ms, long heapMb, long rssMb,
                 String na, String error) {

    static List<RunResult> read(Path jsonl) throws IOException {
        ObjectMapper om = new ObjectMapper();
        List<RunResult> out = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            if (line.isBlank()) continue;
            JsonNode n = om.readTree(line);
            List<Double> ms = new ArrayList<>();
            if (n.has("ms")) n.get("ms").forEach(v -> ms.add(v.asDouble()));
            out.add(new RunResult(n.path("contender").asText(), n.path("row").asText(), n.path("round").asInt(1),
                    ms, n.path("heapMB").asLong(-1), n.path("peakRssMB").asLong(-1),
                    n.has("na") ? n.get("na").asText() : null, n.has("error") ? n.get("error").asText() : null));
        }
        return out;
    }

    boolean timed() { return na == null && error == null && !ms.isEmpty(); }
}
