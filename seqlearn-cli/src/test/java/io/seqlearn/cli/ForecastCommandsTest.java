package io.seqlearn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqlearn.tasks.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train forecast → eval forecast → forecast, end to end on a small generated series. */
class ForecastCommandsTest {
    @TempDir static Path tmp;
    static Path csv, model;

    @BeforeAll
    static void trainOnce() throws Exception {
        csv = TestData.series(tmp.resolve("series.csv"), 600, 1);
        Path dir = tmp.resolve("run");
        Cli.Result r = Cli.run("train", "forecast", "--csv", csv.toString(), "--target", "y", "--lookback", "24", "--horizon", "6",
                "--hidden", "16", "--epochs", "6", "--lr", "0.01", "--out", dir.toString(), "--threads", "1", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode test = Json.tree(r.out(), "stdout").get("test");
        assertTrue(test.get("mse").asDouble() < 0.5, "better than predicting the mean: " + r.out());
        model = dir.resolve("model.safetensors");
    }

    @Test
    void evalScoresBothScalesAndTheyAgreeWithTheScaler() {
        Cli.Result r = Cli.run("eval", "forecast", "--model", model.toString(), "--csv", csv.toString(), "--json", "--threads", "1");
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = Json.tree(r.out(), "stdout");
        assertTrue(j.get("windows").asInt() > 0);
        assertTrue(j.get("mae").asDouble() > 0 && j.get("mae_original").asDouble() > 0);
        // a single target: original-scale MSE = standardised MSE × σ², the same factor as MAE × σ squared
        double ratioMse = j.get("mse_original").asDouble() / j.get("mse").asDouble();
        double ratioMae = j.get("mae_original").asDouble() / j.get("mae").asDouble();
        assertEquals(ratioMae * ratioMae, ratioMse, 1e-6 * ratioMse);
        Cli.Result all = Cli.run("eval", "forecast", "--model", model.toString(), "--csv", csv.toString(), "--part", "all", "--json");
        assertEquals(600 - 24 - 6 + 1, Json.tree(all.out(), "stdout").get("windows").asInt());
    }

    @Test
    void forecastWritesCsvAndChart() throws Exception {
        Path out = tmp.resolve("fc");
        Cli.Result r = Cli.run("forecast", "--model", model.toString(), "--csv", csv.toString(), "--at", "500", "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = Files.readAllLines(out.resolve("forecast.csv"));
        assertEquals("row,y_forecast,y_actual", lines.get(0));
        assertEquals(7, lines.size());
        assertTrue(lines.get(1).startsWith("500,"));
        assertTrue(Files.size(out.resolve("forecast_y.png")) > 1000);
        Cli.Result future = Cli.run("forecast", "--model", model.toString(), "--csv", csv.toString(), "--out", out.toString());
        assertEquals(0, future.exit(), future.toString());
        assertTrue(Files.readAllLines(out.resolve("forecast.csv")).get(1).matches("600,[-0-9.E]+,"), "no actual past the end");
    }

    @Test
    void multivariateTransformerAndGruTrain() {
        for (String arch : new String[]{"transformer", "gru"}) {
            Cli.Result r = Cli.run("train", "forecast", "--csv", csv.toString(), "--target", "all", "--lookback", "12", "--horizon", "4",
                    "--arch", arch, "--hidden", "8", "--heads", "2", "--epochs", "1", "--out", tmp.resolve(arch).toString(),
                    "--threads", "1", "--json", "--norm", "last");
            assertEquals(0, r.exit(), arch + "\n" + r);
            assertTrue(Json.tree(r.out(), "stdout").get("test").get("mse").asDouble() > 0);
        }
    }
}
