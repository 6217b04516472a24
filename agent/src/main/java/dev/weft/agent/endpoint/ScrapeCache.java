package dev.weft.agent.endpoint;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Renders the registry at most {@code rate} times a second (after a burst of as many). A scrape that
 * arrives while a rendering runs takes that rendering's page; a scrape over the rate waits for the next
 * rendering, which every scrape queued meanwhile shares. No scrape is ever answered with a page
 * rendered before it arrived, so a scraper sees the effect of every request made before its scrape,
 * and a flood of scrapes still costs at most {@code rate} renderings a second.
 *
 * <pre>{@code
 * ScrapeCache cache = new ScrapeCache(10);                    // 10 renderings a second, a burst of 10
 * Response page = cache.render(exchange, scrape, onRendered);  // renders, or hands back the shared page
 * }</pre>
 *
 * <p>A page is keyed by what selects its bytes: the path (the scrape or the live page), the method
 * (HEAD has no body), {@code Accept}, {@code Accept-Encoding} and the query ({@code name[]} filters,
 * {@code debug}). Rendering holds one lock, so at most one worker renders at a time whatever the keys:
 * a client varying its {@code Accept} to dodge the shared pages gets no more than one thread's share
 * of a core, and a person refreshing the live page spends from the same budget as the scrapers. A
 * scrape that waited for a rendering which finished after it arrived takes that page (single flight).
 * Under a flood a scrape waits at most {@code 1/rate} seconds for its page. At most {@value #MAX_PAGES}
 * pages are kept, none longer than {@value #KEPT_MILLIS} ms (a page only serves scrapes that arrived
 * before it was rendered). Each kept page holds its body ({@link Response#retain}); dropping it releases
 * the body to its pool, and every caller gets a hold of its own, to release once written.
 */
final class ScrapeCache {

    static final int MAX_PAGES = 8;
    static final long KEPT_MILLIS = 10_000;

    private final double rate;
    private double tokens;
    private long refilled = System.nanoTime();
    private final ReentrantLock rendering = new ReentrantLock();
    private final Map<String, Page> pages = new LinkedHashMap<String, Page>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Page> eldest) {
            if (size() > MAX_PAGES) {
                eldest.getValue().response.release();
                return true;
            }
            return false;
        }
    };

    /** Writes one page into the exchange: {@link Scrape}, or the live page. */
    interface Renderer {
        void handle(Http1Exchange exchange) throws IOException;
    }

    /** Told how long each real rendering took, in seconds. */
    interface Rendered {
        void took(double seconds);
    }

    private static final class Page {
        final Response response;
        final long finished;

        Page(Response response, long finished) {
            this.response = response;
            this.finished = finished;
        }
    }

    ScrapeCache(int rendersPerSecond) {
        this.rate = rendersPerSecond;
        this.tokens = rendersPerSecond;
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(rate, tokens + (now - refilled) / 1e9 * rate);
        refilled = now;
    }

    /** Sleeps, holding the lock, until a rendering is allowed; scrapes queued behind share it. */
    private void awaitToken() {
        long nanos = (long) ((1 - tokens) / rate * 1e9);
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refill();
    }

    private void dropStalePages() {
        long now = System.nanoTime();
        Iterator<Page> all = pages.values().iterator();
        while (all.hasNext()) {
            Page p = all.next();
            if (now - p.finished > KEPT_MILLIS * 1_000_000L) {
                p.response.release();
                all.remove();
            }
        }
    }

    /** The response for this request, held for the caller: release it once it is written or dropped. */
    Response render(Http1Exchange exchange, Renderer handler, Rendered rendered) throws IOException {
        String key = exchange.getRequestPath() + "\n" + exchange.getMethod() + "\n" + exchange.header("accept")
                + "\n" + exchange.header("accept-encoding") + "\n" + exchange.getQueryString();
        // from the moment the head arrived: scrapes queued for a worker meanwhile share the rendering
        long arrived = exchange.received();
        rendering.lock();
        try {
            dropStalePages();
            Page page = pages.get(key);
            if (page != null && page.finished - arrived >= 0) {
                return page.response.retain(); // rendered after this scrape arrived: as fresh as its own would be
            }
            refill();
            if (tokens < 1) {
                // over the rate: wait for the next rendering rather than serve a page older than the request
                awaitToken();
            }
            long now = System.nanoTime();
            tokens = Math.max(0, tokens - 1);
            try {
                handler.handle(exchange);
            } catch (IOException | RuntimeException | Error e) {
                exchange.discardResponse(); // hands back a page the handler had sent
                throw e;
            } finally {
                rendered.took((System.nanoTime() - now) / 1e9);
            }
            Response response = exchange.response();
            if (response.status == 200) {
                Page replaced = pages.put(key, new Page(response, System.nanoTime()));
                if (replaced != null) {
                    replaced.response.release();
                }
                return response.retain(); // one hold for the cache, one for the caller
            }
            return response;
        } finally {
            rendering.unlock();
        }
    }
}
