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
 * Re-runs the committed PyTorch fixtures (made with Python torch 1.13.1) through libtorch 2.7.1 via DJL,
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
 * <p>Usage: {@code FixtureCrossCheck seqlearn-core/src/test/resources/fixtures [folder ...]}
 */
public final class FixtureCrossCheck {
    /** The folders in the order they are checked. */
    static final List<String> FOLDERS = List.of("rnn", "nn", "loss", "attention", "transformer", "optim", "e2e");

    interface Checker {
        void check(FixtureFile f) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "seqlearn-core/src/test/resources/fixtures");
        List<String> folders = args.length > 1 ? List.of(args).subList(1, args.length) : FOLDERS;
        Map<String, String> summaries = new LinkedHashMap<>();
        boolean ok = true;
        try (NDManager base = NDManager.newBaseManager("PyTorch")) {
            for (String folder : folders) {
                FolderResult r = checkFolder(root.resolve(folder), folder, base);
                summaries.put(folder, r.summary());
                ok &= r.ok();
            }
        }
        String version = Engine.getEngine("PyTorch").getVersion();
        System.out.println();
        System.out.printf(Locale.ROOT, "libtorch %s (DJL %s) vs fixtures, float64:%n", version, Engine.getDjlVersion());
        summaries.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-12s %s%n", k + "/", v));
        System.out.println(ok ? "ALL WITHIN TOLERANCE" : "FAILED");
        System.exit(ok ? 0 : 1);
    }

    private static FolderResult checkFolder(Path dir, String folder, NDManager base) throws Exception {
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
                r.add(f);
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
        int files, tensors;
        double worst;
        String worstWhere = "";
        final Map<String, Double> loose = new LinkedHashMap<>();
        final List<String> failed = new ArrayList<>();

        void add(FixtureFile f) {
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
            if (!bad.isEmpty() || !untouched.isEmpty() || f.diffs().isEmpty()) failed.add(f.name());
        }

        boolean ok() { return failed.isEmpty() && files > 0; }

        String summary() {
            String s = String.format(Locale.ROOT, "%3d files, %4d tensors, worst |diff| %s (%s), tol %s", files, tensors,
                    fmt(worst), worstWhere, fmt(FixtureFile.TOL));
            if (!loose.isEmpty()) {
                double l = loose.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
                s += String.format(Locale.ROOT, "; %d tensors at a looser tol, worst %s", loose.size(), fmt(l));
            }
            return s + (failed.isEmpty() ? "" : "; FAILED: " + failed);
        }
    }

    static String fmt(double d) { return String.format(Locale.ROOT, "%.1e", d); }
}
