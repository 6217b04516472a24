package dev.weft.smoke.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.smoke.Http;
import dev.weft.smoke.Ports;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus}) on 127.0.0.1 and a free port, with a
 * temporary data directory; killed on close.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.start(dir, configYaml)) {
 *     JsonNode result = prometheus.query("up");
 * }
 * }</pre>
 */
final class PrometheusServer implements AutoCloseable {

    static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(90);

    private final Process process;
    private final Path log;
    final String url;

    private PrometheusServer(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** {@code flags} are added to the command line, e.g. {@code --enable-feature=native-histograms}. */
    /** A configuration that scrapes one target every second, as the job named. */
    static String scrapeEverySecond(String job, int metricsPort) {
        return "global:\n"
                + "  scrape_interval: 1s\n"
                + "  scrape_timeout: 1s\n"
                + "scrape_configs:\n"
                + "  - job_name: " + job + "\n"
                + "    static_configs:\n"
                + "      - targets: ['127.0.0.1:" + metricsPort + "']\n";
    }

    static PrometheusServer start(Path dir, String config, String... flags) throws IOException, InterruptedException {
        Path configFile = dir.resolve("prometheus.yml");
        Files.writeString(configFile, config);
        int port = Ports.free();
        Path log = dir.resolve("prometheus.log");
        List<String> command = new java.util.ArrayList<>(List.of(Tools.find("prometheus"),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, log, "http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (!server.ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = server.log();
                server.close();
                throw new AssertionError("Prometheus did not become ready on " + server.url + "\n" + output);
            }
            Thread.sleep(200);
        }
        return server;
    }

    private boolean ready() {
        try {
            return Http.get(url + "/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The {@code data.result} of an instant query; fails on an API error. */
    JsonNode query(String promql) throws IOException {
        HttpResponse<String> response = Http.get(url + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = DeployFiles.JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("query " + promql + " failed: " + response.statusCode() + " " + response.body());
        }
        return body.get("data").get("result");
    }

    /** The {@code data} of {@code /api/v1/query_exemplars} over the last {@code seconds}; fails on an API error. */
    JsonNode exemplars(String promql, long seconds) throws IOException {
        long now = System.currentTimeMillis() / 1000;
        HttpResponse<String> response = Http.get(url + "/api/v1/query_exemplars?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start=" + (now - seconds) + "&end=" + (now + 5));
        JsonNode body = DeployFiles.JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("exemplars of " + promql + " failed: " + response.statusCode() + " " + response.body());
        }
        return body.get("data");
    }

    /** The rule groups Prometheus loaded ({@code /api/v1/rules}). */
    JsonNode ruleGroups() throws IOException {
        return DeployFiles.JSON.readTree(Http.get(url + "/api/v1/rules").body()).get("data").get("groups");
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
