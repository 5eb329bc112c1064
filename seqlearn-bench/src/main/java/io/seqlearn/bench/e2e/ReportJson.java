package io.seqlearn.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/** The report as JSON: notes, the sgemm peak, and per row its spec, FLOPs and per-contender statistics. */
final class ReportJson {
    private ReportJson() {}

    static String of(Map<RowSpec, List<ContenderStats>> table, double peak, List<String> notes) {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        ArrayNode n = root.putArray("notes");
        notes.forEach(n::add);
        num(root, "sgemmPeakGflops", peak);
        ArrayNode rows = root.putArray("rows");
        for (var e : table.entrySet()) {
            RowSpec spec = e.getKey();
            ObjectNode r = rows.addObject();
            r.put("row", spec.name());
            r.put("kind", spec.kind());
            r.set("params", om.valueToTree(spec.params()));
            num(r, "flopsPerStep", spec.flops());
            if (spec.endToEnd()) num(r, "tokensPerStep", spec.tokensPerStep());
            ObjectNode cs = r.putObject("contenders");
            for (ContenderStats s : e.getValue()) {
                ObjectNode c = cs.putObject(s.contender());
                if (s.na() != null) c.put("na", s.na());
                if (s.error() != null) c.put("error", s.error());
                if (!s.timed()) continue;
                c.put("rounds", s.rounds());
                c.put("steps", s.steps());
                num(c, "medianMs", s.medianMs());
                num(c, "minMs", s.minMs());
                num(c, "maxMs", s.maxMs());
                num(c, "gflops", s.gflops());
                num(c, "fractionOfSgemmPeak", s.gflops() / peak);
                num(c, "tokensPerS", s.tokensPerS());
                c.put("peakHeapMB", s.heapMb());
                c.put("peakRssMB", s.rssMb());
                num(c, "seqlearnSpeedup", s.speedup());
                if (s.pairedRounds() > 0) c.put("pairedRounds", s.pairedRounds());
            }
        }
        try {
            return om.writeValueAsString(root) + "\n";
        } catch (Exception ex) {
            throw new IllegalStateException("report: cannot write JSON", ex);
        }
    }

    /** JSON has no NaN: leave the field out instead. */
    private static void num(ObjectNode o, String key, double v) {
        if (!Double.isNaN(v) && !Double.isInfinite(v)) o.put(key, v);
    }
}
