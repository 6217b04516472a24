package dev.weft.agent.endpoint;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Renders the registry at most {@code rate} times a second (after a burst of as many); scrapes beyond
 * that, and scrapes that arrive while a rendering runs, share the newest page. A flood of scrapes
 * therefore costs a few renderings a second, while a scraper at a normal pace always gets a fresh page.
 *
 * <pre>{@code
 * ScrapeCache cache = new ScrapeCache(handler, 10);    // 10 renderings a second, a burst of 10
 * Response page = cache.scrape(exchange, onRendered);   // renders, or hands back the shared page
 * }</pre>
 *
 * <p>A page is keyed by what selects its bytes: the method (HEAD has no body), {@code Accept},
 * {@code Accept-Encoding} and the query ({@code name[]} filters, {@code debug}). Rendering holds one
 * lock, so at most one worker renders at a time whatever the keys: a client varying its
 * {@code Accept} to dodge the shared pages gets no more than one thread's share of a core. A scrape
 * that waited for a rendering which finished after it arrived takes that page (single flight). Under
 * a flood a shared page is at most {@code 1/rate} seconds old. At most {@value #MAX_PAGES} pages are
 * kept.
 */
final class ScrapeCache {

    static final int MAX_PAGES = 8;

    private final Scrape handler;
    private final double rate;
    private double tokens;
    private long refilled = System.nanoTime();
    private final ReentrantLock rendering = new ReentrantLock();
    private final Map<String, Page> pages = new LinkedHashMap<String, Page>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Page> eldest) {
            return size() > MAX_PAGES;
        }
    };

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

    ScrapeCache(Scrape handler, int rendersPerSecond) {
        this.handler = handler;
        this.rate = rendersPerSecond;
        this.tokens = rendersPerSecond;
    }

    Response scrape(Http1Exchange exchange, Rendered rendered) throws IOException {
        String key = exchange.getMethod() + "\n" + exchange.header("accept") + "\n" + exchange.header("accept-encoding")
                + "\n" + exchange.getQueryString();
        long arrived = System.nanoTime();
        rendering.lock();
        try {
            Page page = pages.get(key);
            long now = System.nanoTime();
            tokens = Math.min(rate, tokens + (now - refilled) / 1e9 * rate);
            refilled = now;
            if (page != null && (page.finished - arrived >= 0 || tokens < 1)) {
                return page.response;
            }
            tokens = Math.max(0, tokens - 1);
            try {
                handler.handle(exchange);
            } finally {
                rendered.took((System.nanoTime() - now) / 1e9);
            }
            Response response = exchange.response();
            if (response.status == 200) {
                pages.put(key, new Page(response, System.nanoTime()));
            }
            return response;
        } finally {
            rendering.unlock();
        }
    }
}
