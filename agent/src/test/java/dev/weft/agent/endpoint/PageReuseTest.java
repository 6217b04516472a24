package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.config.Config;
import dev.weft.agent.instrument.InstrumentationStats;
import dev.weft.agent.metrics.Metrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Scrape bodies are rendered into buffers reused from one scrape to the next, and never into one
 * that a connection may still be writing or the cache may still hand out.
 */
class PageReuseTest {

    private final Metrics metrics = new Metrics(Config.defaults(), "test", new InstrumentationStats());
    private final Scrape scrape = new Scrape(metrics.registry(), new ProtobufWriter(false), false);
    private final ScrapeCache cache = new ScrapeCache(1000);

    private Response scrape(String headers) throws IOException {
        for (int i = 0; i < 20; i++) {
            long start = metrics.server().start("GET");
            metrics.server().end(start, "GET", "/r" + i, 200, null, -1, -1);
        }
        ByteBuffer request = ByteBuffer.wrap(("GET /metrics HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        return cache.render(new Http1Exchange(RequestHead.parse(request).head), scrape, seconds -> { });
    }

    private static String text(Response r) {
        return new String(r.body, 0, r.length, StandardCharsets.UTF_8);
    }

    @Test
    void aWrittenPageIsRenderedIntoAgainTwoScrapesLater() throws IOException {
        Response first = scrape("");
        first.release(); // written
        Response second = scrape("");
        second.release();
        Response third = scrape("");
        // the first page was cached until the second replaced it, then free for the third
        assertSame(first.body, third.body);
        assertNotSame(second.body, third.body);
        assertTrue(text(third).contains("http_server_request_duration_seconds_count{"), text(third));
        assertTrue(text(third).endsWith("\n"));
        assertEquals(String.valueOf(third.length), third.headers.get("Content-Length"));
        third.release();
    }

    @Test
    void aPageStillBeingWrittenIsNeverRenderedInto() throws IOException {
        Response slow = scrape(""); // a client that reads slowly holds its page
        byte[] before = Arrays.copyOf(slow.body, slow.length);
        for (int i = 0; i < 6; i++) {
            Response r = scrape("");
            assertNotSame(slow.body, r.body);
            r.release();
        }
        assertArrayEquals(before, Arrays.copyOf(slow.body, slow.length));
        slow.release();
    }

    @Test
    void gzipPagesAreReusedTooAndDecompressToTheText() throws IOException {
        Response first = scrape("Accept-Encoding: gzip\r\n");
        first.release();
        scrape("Accept-Encoding: gzip\r\n").release();
        Response third = scrape("Accept-Encoding: gzip\r\n");
        assertSame(first.body, third.body);
        assertEquals("gzip", third.headers.get("Content-Encoding"));
        String text = gunzip(third);
        assertTrue(text.contains("http_server_request_duration_seconds_count{") && text.endsWith("\n"), text);
        third.release();
    }

    @Test
    void aPoolKeepsAtMostTwoFreeBuffersAndDropsOnesGrownFarBeyondTheLastPage() {
        PagePool pool = new PagePool();
        PageBuffer a = pool.acquire();
        PageBuffer b = pool.acquire();
        PageBuffer c = pool.acquire();
        a.release();
        b.release();
        c.release();
        assertEquals(PagePool.KEPT, pool.free());
        PageBuffer big = pool.acquire();
        big.write(new byte[1 << 20]);
        PageBuffer small = pool.acquire();
        pool.rendered(small); // the page is small again
        small.release();
        big.release();
        assertEquals(1, pool.free(), "the grown buffer is dropped, not kept");
    }

    private static String gunzip(Response r) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body, 0, r.length))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) > 0; ) {
                out.write(chunk, 0, n);
            }
            return out.toString("UTF-8");
        }
    }
}
