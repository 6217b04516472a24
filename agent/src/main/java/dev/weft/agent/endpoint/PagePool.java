package dev.weft.agent.endpoint;

/**
 * The buffers scrapes are rendered into, reused from one scrape to the next: a 2,000-series text
 * page is 7 MB, and allocating (and zeroing, and collecting) that much per scrape was a fifth of a
 * scrape's time and most of its garbage.
 *
 * <pre>{@code
 * PageBuffer page = pool.acquire();   // a free buffer, or a new one the size of the last page
 * ...                                 // rendered, cached, written to connections
 * page.release();                     // by each holder; the last one hands it back here
 * }</pre>
 *
 * <p>At most {@value #KEPT} free buffers are kept: in steady state one page is cached (and being
 * written) while the next is rendered. A buffer grown far beyond the last page (one unusual scrape)
 * is dropped rather than kept, so what stays allocated follows the scrape's size.
 */
final class PagePool {

    static final int KEPT = 2;
    private static final int MIN_CAPACITY = 64 * 1024;

    private final PageBuffer[] free = new PageBuffer[KEPT];
    private int freeCount;
    /** The size of the last page rendered, for the capacity of new buffers and for what to keep. */
    private volatile int lastSize = MIN_CAPACITY;

    /** A buffer held once by the caller, empty. */
    PageBuffer acquire() {
        PageBuffer b = null;
        synchronized (this) {
            if (freeCount > 0) {
                b = free[--freeCount];
                free[freeCount] = null;
            }
        }
        if (b == null) {
            b = new PageBuffer(lastSize + lastSize / 8, this);
        }
        b.reset();
        return b;
    }

    /** Remembers how large the page just rendered is. */
    void rendered(PageBuffer page) {
        lastSize = Math.max(MIN_CAPACITY, page.size);
    }

    void recycle(PageBuffer b) {
        if (b.capacity() > 2 * lastSize + MIN_CAPACITY) {
            return; // grown for a page much larger than today's: let it go
        }
        synchronized (this) {
            if (freeCount < KEPT) {
                free[freeCount++] = b;
            }
        }
    }

    synchronized int free() {
        return freeCount;
    }
}
