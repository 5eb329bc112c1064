package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Re-runs the committed PyTorch fixtures (inputs drawn with Python torch 1.13.1) through libtorch 2.7.1 via DJL,
 * offline, in float64: every file's computation is rebuilt from libtorch ops with the file's own inputs,
 * parameters and cotangents, and every stored output and gradient is compared. One line per file (largest
 * |difference| and the tensor it is in), a summary per folder, exit code 1 if any tensor exceeds its tolerance
 * (1e-10; looser only where a file's checker says why) or if any stored tensor was neither used nor compared.
 *
 * <p>Folders: {@code rnn/} ({@link RnnFixtureCrossCheck}, {@link RnnStepFixtures}), {@code nn/}
 * ({@link NnFixtures}), {@code loss/} ({@link LossFixtures}), {@code attention/} ({@link AttentionFixtures}),
 * {@code transformer/} ({@link TransformerFixtures}), {@code optim/} ({@link OptimFixtures}), {@code e2e/}
 * ({@link E2eFixtures}). {@code metrics/bleu.json} is sacrebleu output, not PyTorch, and is not re-run.
 *
 * <p>{@code --write} (regeneration): every file that passes is rewritten by {@link FixtureWriter} with libtorch's
 * values in place of the stored outputs and gradients (inputs copied unchanged, metadata naming the generator);
 * a file that fails is left alone and the run exits 1. Files whose compared values were computed in Java rather
 * than libtorch (the LR schedules) are kept as they are. The per-folder worst |diff| of such a run is the largest
 * change made to any stored tensor; a check run afterwards gives 0.
 *
 * <p>Usage: {@code FixtureCrossCheck seqlearn-core/src/test/resources/fixtures [--write] [folder ...]}
 */
public final class FixtureCrossCheck {
    /** The folders in the order they are checked. */
    static final List<String> FOLDERS = List.of("rnn", "nn", "loss", "attention", "transformer", "optim", "e2e");

    interface Checker {
        void check(FixtureFile f) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean write = rest.remove("--write");
        Path root = Path.of(rest.isEmpty() ? "seqlearn-core/src/test/resources/fixtures" : rest.remove(0));
        List<String> folders = rest.isEmpty() ? FOLDERS : rest;
        Map<String, String> summaries = new LinkedHashMap<>();
        boolean ok = true;
        try (NDManager base = NDManager.newBaseManager("PyTorch")) {
            String version = Engine.getEngine("PyTorch").getVersion();
            for (String folder : folders) {
                FolderResult r = checkFolder(root.resolve(folder), folder, base, write ? version : null);
                summaries.put(folder, r.summary());
                ok &= r.ok();
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "libtorch %s (DJL %s) vs fixtures, float64%s:%n", version, Engine.getDjlVersion(),
                    write ? " (--write: |diff| = change written)" : "");
        }
        summaries.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-12s %s%n", k + "/", v));
        System.out.println(ok ? "ALL WITHIN TOLERANCE" : "FAILED");
        System.exit(ok ? 0 : 1);
    }

    /** Checks every file of one folder; with {@code writeAs} (the libtorch version) also rewrites each passing file. */
    private static FolderResult checkFolder(Path dir, String folder, NDManager base, String writeAs) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        }
        FolderResult r = new FolderResult();
        System.out.println("== " + folder + "/ (" + files.size() + " files)");
        for (Path p : files) {
            try (NDManager m = base.newSubManager()) {
                FixtureFile f = FixtureFile.open(p, m);
                Checker c = checker(folder, f.name());
                try {
                    c.check(f);
                } catch (Exception | Error e) {
                    System.out.printf(Locale.ROOT, "%-44s ERROR %s%n", f.name(), e);
                    r.failed.add(f.name());
                    continue;
                }
                if (r.add(f) && writeAs != null) {
                    if (f.computedInJava()) {
                        r.kept++;
                        System.out.println("    kept as is: computed in Java, not by libtorch");
                    } else {
                        FixtureWriter.write(p, f, writeAs, Engine.getDjlVersion());
                        r.written++;
                    }
                }
            }
        }
        return r;
    }

    private static Checker checker(String folder, String file) {
        return switch (folder) {
            case "rnn" -> file.startsWith("cells_") || file.startsWith("tbptt_") ? RnnStepFixtures::check
                    : RnnFixtureCrossCheck::check;
            case "nn" -> NnFixtures::check;
            case "loss" -> LossFixtures::check;
            case "attention" -> AttentionFixtures::check;
            case "transformer" -> TransformerFixtures::check;
            case "optim" -> OptimFixtures::check;
            case "e2e" -> E2eFixtures::check;
            default -> throw new IllegalArgumentException("no cross-check for folder '" + folder + "'");
        };
    }

    /** Per folder: files, tensors compared, the worst difference at the default tolerance, failures. */
    private static final class FolderResult {
        int files, tensors, written, kept;
        double worst;
        String worstWhere = "";
        final Map<String, Double> loose = new LinkedHashMap<>();
        final List<String> failed = new ArrayList<>();

        /** Records one checked file and prints its line; true if it passed. */
        boolean add(FixtureFile f) {
            files++;
            double fileWorst = 0;
            String fileWorstName = "";
            List<String> bad = new ArrayList<>();
            for (var e : f.diffs().entrySet()) {
                double d = e.getValue(), tol = f.tolerance(e.getKey());
                tensors++;
                if (!(d <= tol)) bad.add(e.getKey() + " " + fmt(d) + " > " + fmt(tol));
                if (tol > FixtureFile.TOL) {
                    loose.merge(f.name() + " " + e.getKey() + " (tol " + fmt(tol) + ")", d, Math::max);
                    continue;
                }
                if (d > fileWorst || fileWorstName.isEmpty()) {
                    fileWorst = d;
                    fileWorstName = e.getKey();
                }
            }
            if (fileWorst > worst || worstWhere.isEmpty()) {
                worst = fileWorst;
                worstWhere = f.name() + " " + fileWorstName;
            }
            List<String> untouched = f.untouched();
            System.out.printf(Locale.ROOT, "%-44s max |diff| %s  (%d tensors; worst %s)%n", f.name(), fmt(fileWorst),
                    f.diffs().size(), fileWorstName);
            for (var e : f.diffs().entrySet()) {
                if (f.tolerance(e.getKey()) > FixtureFile.TOL) {
                    System.out.printf(Locale.ROOT, "    %-40s |diff| %s  (looser tol %s)%n", e.getKey(), fmt(e.getValue()),
                            fmt(f.tolerance(e.getKey())));
                }
            }
            if (!bad.isEmpty()) System.out.println("    OVER TOLERANCE: " + bad);
            if (!untouched.isEmpty()) System.out.println("    NOT CHECKED (stored but unused): " + untouched);
            boolean passed = bad.isEmpty() && untouched.isEmpty() && !f.diffs().isEmpty();
            if (!passed) failed.add(f.name());
            return passed;
        }

        boolean ok() { return failed.isEmpty() && files > 0; }

        String summary() {
            String s = String.format(Locale.ROOT, "%3d files, %4d tensors, worst |diff| %s (%s), tol %s", files, tensors,
                    fmt(worst), worstWhere, fmt(FixtureFile.TOL));
            if (!loose.isEmpty()) {
                double l = loose.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
                s += String.format(Locale.ROOT, "; %d tensors at a looser tol, worst %s", loose.size(), fmt(l));
            }
            if (written + kept > 0) s += String.format(Locale.ROOT, "; written %d, kept %d", written, kept);
            return s + (failed.isEmpty() ? "" : "; FAILED: " + failed);
        }
    }

    static String fmt(double d) { return String.format(Locale.ROOT, "%.1e", d); }
}
