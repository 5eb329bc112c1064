package io.seqlearn.peers.torch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * torch.optim.lr_scheduler replayed in Java doubles. The schedulers are Python float arithmetic in PyTorch
 * (no libtorch op runs), so this is a transcription of {@code torch/optim/lr_scheduler.py}'s recursive
 * ("chainable") {@code get_lr} forms as torch 1.13 and 2.x write them (the 2.7.1 sources were not at hand to
 * diff; the fixtures match them exactly), stepped as the generator did: the constructor's initial step
 * (last_epoch 0), then per epoch e: record lr, {@code sched.step()} (or {@code step(metric[e])}).
 *
 * <ul>
 *   <li>StepLR: lr·γ when last_epoch &gt; 0 and last_epoch % step_size == 0.</li>
 *   <li>ExponentialLR: lr·γ when last_epoch &gt; 0.</li>
 *   <li>CosineAnnealingLR: (1 + cos(π·e/T)) / (1 + cos(π·(e−1)/T)) · (lr − η_min) + η_min, and
 *       lr + (base − η_min)(1 − cos(π/T))/2 when (e − 1 − T) mod 2T == 0.</li>
 *   <li>LinearLR: base·start at e = 0; lr·(1 + (end − start)/(N·start + (e − 1)(end − start))) for 0 &lt; e ≤ N.</li>
 *   <li>ReduceLROnPlateau (mode min, rel threshold): better ⇔ m &lt; best·(1 − threshold); after more than
 *       patience bad epochs lr = max(lr·factor, min_lr) (if it drops by more than eps = 1e-8), then cooldown
 *       epochs in which bad epochs are not counted.</li>
 * </ul>
 */
final class LrSchedules {
    private LrSchedules() {}

    static double[] replay(String scheduler, JsonNode args, double baseLr, int epochs, double[] metric) {
        double[] lrs = new double[epochs];
        if (scheduler.equals("ReduceLROnPlateau")) return plateau(args, baseLr, metric, lrs);
        double lr = next(scheduler, args, baseLr, baseLr, 0);
        for (int e = 0; e < epochs; e++) {
            lrs[e] = lr;
            lr = next(scheduler, args, baseLr, lr, e + 1);
        }
        return lrs;
    }

    /** get_lr at last_epoch = epoch, given the group's current lr. */
    private static double next(String scheduler, JsonNode a, double base, double lr, int epoch) {
        switch (scheduler) {
            case "StepLR":
                return epoch == 0 || epoch % a.path("step_size").asInt() != 0 ? lr : lr * a.path("gamma").asDouble();
            case "ExponentialLR":
                return epoch == 0 ? lr : lr * a.path("gamma").asDouble();
            case "CosineAnnealingLR": {
                int tMax = a.path("T_max").asInt();
                double etaMin = a.path("eta_min").asDouble();
                if (epoch == 0) return lr;
                if (Math.floorMod(epoch - 1 - tMax, 2 * tMax) == 0) {
                    return lr + (base - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
                }
                return (1 + Math.cos(Math.PI * epoch / tMax)) / (1 + Math.cos(Math.PI * (epoch - 1) / tMax)) * (lr - etaMin) + etaMin;
            }
            case "LinearLR": {
                double start = a.path("start_factor").asDouble(), end = a.path("end_factor").asDouble();
                int total = a.path("total_iters").asInt();
                if (epoch == 0) return lr * start;
                if (epoch > total) return lr;
                return lr * (1.0 + (end - start) / (total * start + (epoch - 1) * (end - start)));
            }
            default:
                throw new IllegalStateException("no replay of lr_scheduler." + scheduler);
        }
    }

    private static double[] plateau(JsonNode a, double lr, double[] metric, double[] lrs) {
        if (!a.path("mode").asText().equals("min") || !a.path("threshold_mode").asText().equals("rel")) {
            throw new IllegalStateException("ReduceLROnPlateau: only mode=min, threshold_mode=rel replayed");
        }
        double factor = a.path("factor").asDouble(), threshold = a.path("threshold").asDouble(), minLr = a.path("min_lr").asDouble();
        int patience = a.path("patience").asInt(), cooldown = a.path("cooldown").asInt();
        double best = Double.POSITIVE_INFINITY, eps = 1e-8;
        int bad = 0, cooldownCounter = 0;
        for (int e = 0; e < lrs.length; e++) {
            lrs[e] = lr;
            double current = metric[e];
            if (current < best * (1.0 - threshold)) {
                best = current;
                bad = 0;
            } else {
                bad++;
            }
            if (cooldownCounter > 0) {
                cooldownCounter--;
                bad = 0;
            }
            if (bad > patience) {
                double newLr = Math.max(lr * factor, minLr);
                if (lr - newLr > eps) lr = newLr;
                cooldownCounter = cooldown;
                bad = 0;
            }
        }
        return lrs;
    }
}
