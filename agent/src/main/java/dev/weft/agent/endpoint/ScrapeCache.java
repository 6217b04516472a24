package dev.weft.agent.endpoint;

import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One rendering of the registry shared by the scrapes that ask for the same page at about the same
 * time, so a flood of scrapes costs one rendering per {@code ttl}, not one per request.
 *
 * <pre>{@code
 * ScrapeCache cache = new ScrapeCache(handler, 1000);   // reuse a page for up to 1 s
 * Response page = cache.scrape(exchange, onRendered);    // renders, or hands back the shared page
 * }</pre>
 *
 * <p>A page is keyed by what selects its bytes: the method (HEAD has no body), {@code Accept}, {@code Accept-Encoding} and the query
 * ({@code name[]} filters, {@code debug}). Rendering holds one lock, so at most one worker renders at
 * a time whatever the keys: a client varying its {@code Accept} gets no more than a fair share of one
 * core. A scrape that waited for a rendering which finished after it arrived takes that page even
 * with {@code ttl} 0 (single flight); with a ttl, pages are reused for that long. At most
 * {@value #MAX_PAGES} pages are kept.
 */
final class ScrapeCache {

    static final int MAX_PAGES = 8;

    private final PrometheusScrapeHandler handler;
    private final long ttlNanos;
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
        final long started;
        final long finished;

        Page(Response response, long started, long finished) {
            this.response = response;
            this.started = started;
            this.finished = finished;
        }
    }

    ScrapeCache(PrometheusScrapeHandler handler, long ttlMillis) {
        this.handler = handler;
        this.ttlNanos = TimeUnit.MILLISECONDS.toNanos(ttlMillis);
    }

    Response scrape(Http1Exchange exchange, Rendered rendered) throws IOException {
        String key = exchange.getMethod() + "\n" + exchange.header("accept") + "\n" + exchange.header("accept-encoding") + "\n"
                + exchange.getQueryString();
        long arrived = System.nanoTime();
        rendering.lock();
        try {
            Page page = pages.get(key);
            long now = System.nanoTime();
            if (page != null && (page.finished - arrived >= 0 || now - page.started <= ttlNanos)) {
                return page.response;
            }
            try {
                handler.handleRequest(exchange);
            } finally {
                rendered.took((System.nanoTime() - now) / 1e9);
            }
            Response response = exchange.response();
            if (response.status == 200) {
                pages.put(key, new Page(response, now, System.nanoTime()));
            }
            return response;
        } finally {
            rendering.unlock();
        }
    }
}
