package dev.weft.agent.page;

import dev.weft.agent.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScratchRenderTest {
    @Test
    void render() throws Exception {
        long S = 1_000_000_000L, T0 = 1000 * S;
        Metrics m = Traffic.metrics();
        m.health().modulesActive(Arrays.asList("class-loaders", "servlet-javax", "servlet-jakarta", "jaxrs-jersey", "http-url-connection", "java-http-client"));
        LivePage page = new LivePage(m, "/metrics", T0);
        Random r = new Random(1);
        for (int i = 1; i <= 40; i++) {
            Traffic.served(m, "GET", "/api/orders/{id}", 200, 20 + r.nextInt(40), 30 + r.nextInt(20) + i);
            Traffic.served(m, "POST", "/api/orders", 201, 80 + r.nextInt(150), 5 + r.nextInt(5));
            Traffic.served(m, "GET", "/hello", 200, 3, 10 + (i % 7) * 3);
            if (i % 5 == 0) Traffic.served(m, "GET", "/fail", 500, 30, 2);
            if (i > 25) Traffic.served(m, "GET", "/api/search", 200, 300 + r.nextInt(900), 4);
            Traffic.served(m, "GET", "unmatched", 404, 2, r.nextInt(3));
            Traffic.called(m, "payments.internal", 8443, i % 9 == 0 ? 503 : 200, 40 + r.nextInt(50), 6);
            Traffic.called(m, "127.0.0.1", 9200, 200, 8, 12);
            page.tick(T0 + i * 10 * S);
        }
        Traffic.served(m, "GET", "/esc/<script>&\"'/{id}", 404, 2, 1);
        Files.write(Paths.get("/tmp/page.html"), page.html(true, T0 + 405 * S, System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void worstCase() throws Exception {
        long S = 1_000_000_000L, T0 = 1000 * S;
        Metrics m = Traffic.metrics();
        LivePage page = new LivePage(m, "/metrics", T0);
        Random r = new Random(1);
        for (int i = 1; i <= 95; i++) {
            for (int k = 0; k < 60; k++) {
                Traffic.served(m, "GET", "/api/resource" + k + "/{id}", k % 7 == 0 ? 500 : 200, 1 + r.nextInt(300), 1 + r.nextInt(3));
            }
            for (int k = 0; k < 25; k++) {
                Traffic.called(m, "host" + k + ".internal", 8443, 200, 1 + r.nextInt(100), 1);
            }
            page.tick(T0 + i * 10 * S);
        }
        long heapBefore = usedHeap();
        page.tick(T0 + 960 * S);
        long t = System.nanoTime();
        String html = null;
        for (int i = 0; i < 20; i++) {
            html = page.html(true, T0 + 965 * S, System.currentTimeMillis());
        }
        System.out.println("WORST html bytes " + html.length() + " render ms " + (System.nanoTime() - t) / 20 / 1e6);
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(z)) { g.write(html.getBytes(StandardCharsets.UTF_8)); }
        System.out.println("WORST gzip bytes " + z.size());
        Files.write(Paths.get("/tmp/page-worst.html"), html.getBytes(StandardCharsets.UTF_8));
        // retained size of the page: drop it and measure
        System.gc(); Thread.sleep(200); long with = usedHeap();
        page = null; System.gc(); Thread.sleep(200); long without = usedHeap();
        System.out.println("WORST retained approx bytes " + (with - without));
    }

    private static long usedHeap() { Runtime rt = Runtime.getRuntime(); return rt.totalMemory() - rt.freeMemory(); }
}
