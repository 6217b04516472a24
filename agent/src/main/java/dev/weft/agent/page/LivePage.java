package dev.weft.agent.page;

import dev.weft.agent.Log;
import dev.weft.agent.metrics.Metrics;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * The endpoint's {@code /}: a page for a person, with the last minutes of every route and client
 * target and the agent's own health.
 *
 * <pre>{@code
 * LivePage page = LivePage.start(metrics, "/metrics");
 * byte[] html = page.render(true);   // on an endpoint worker, within the scrape rendering budget
 * page.stop();
 * }</pre>
 *
 * <p>History: a daemon thread of its own, {@value #THREAD}, reads the two duration histograms every
 * {@value #INTERVAL_SECONDS} seconds and keeps what changed, {@value #INTERVALS} intervals (15 minutes),
 * for at most {@value #MAX_ROUTES} routes and {@value #MAX_TARGETS} client targets at once. A reading
 * is a collection of two histograms, like a small scrape; nothing is added to a request's path.
 * Memory: about 130 bytes per followed key and interval in which it served requests, so about a
 * megabyte at the limits and a few tens of kilobytes for a typical application.
 *
 * <p>Rendering reads the histograms once more, for the interval still running, so the page counts
 * every request that ended before it was asked for.
 */
public final class LivePage {

    static final String THREAD = "weft-live-page";
    static final int INTERVAL_SECONDS = 10;
    static final int INTERVALS = 90;
    static final int MAX_ROUTES = 50;
    static final int MAX_TARGETS = 20;

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Metrics metrics;
    private final double[] bounds;
    private final String metricsPath;
    private final int maxSeries;
    private final long started;
    private final TrafficHistory routes;
    private final TrafficHistory targets;
    private final Thread ticker;
    private volatile boolean stopped;

    LivePage(Metrics metrics, String metricsPath, long startNanos) {
        this.metrics = metrics;
        this.bounds = metrics.durationBounds();
        this.metricsPath = metricsPath;
        this.maxSeries = metrics.maxSeries();
        this.started = startNanos;
        this.routes = new TrafficHistory(bounds, metrics.server()::readDurations, MAX_ROUTES, INTERVALS, startNanos);
        this.targets = new TrafficHistory(bounds, metrics.client()::readDurations, MAX_TARGETS, INTERVALS, startNanos);
        this.ticker = new Thread(this::tickEveryInterval, THREAD);
        ticker.setDaemon(true);
        // the thread keeps its context loader for the JVM's life: the agent's own, never an application's
        ticker.setContextClassLoader(LivePage.class.getClassLoader());
    }

    /** Starts keeping history now; {@code metricsPath} is what the page links to. */
    public static LivePage start(Metrics metrics, String metricsPath) {
        LivePage page = new LivePage(metrics, metricsPath, System.nanoTime());
        page.ticker.start();
        return page;
    }

    public void stop() {
        stopped = true;
        ticker.interrupt();
    }

    private void tickEveryInterval() {
        long next = started + INTERVAL_NANOS;
        boolean failedBefore = false;
        while (!stopped) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            try {
                tick(System.nanoTime());
            } catch (Throwable t) {
                if (!failedBefore) {
                    // once: the page then shows gaps, and the application is not affected
                    Log.warn("live page: could not read the metrics for its history: " + t);
                    failedBefore = true;
                }
            }
            // a late tick (a stalled JVM) is not caught up: the next interval is simply longer
            next = Math.max(next + INTERVAL_NANOS, System.nanoTime() + INTERVAL_NANOS / 2);
        }
    }

    /**
     * "pid 4242 · com.example.Main": which JVM this is, for a person with many tabs. Only the main class
     * or jar of the command line is shown: its arguments may hold secrets.
     */
    static String describeJvm() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        int at = name.indexOf('@');
        String pid = at > 0 ? "pid " + name.substring(0, at) : "";
        String main = System.getProperty("sun.java.command", "").trim();
        int space = main.indexOf(' ');
        main = space > 0 ? main.substring(0, space) : main;
        main = main.substring(main.lastIndexOf(File.separatorChar) + 1);
        return pid.isEmpty() || main.isEmpty() ? pid + main : pid + " \u00b7 " + main;
    }

    /**
     * Described when a page is first rendered, not while the application starts: the runtime MXBean
     * behind it costs tens of milliseconds of CPU to set up.
     */
    private static final class ThisJvm {
        static final String DESCRIPTION = describeJvm();
    }

    void tick(long nowNanos) {
        routes.tick(nowNanos);
        targets.tick(nowNanos);
    }

    /**
     * The page as UTF-8 HTML.
     *
     * @param refresh whether the page asks the browser to reload it every few seconds
     */
    public byte[] render(boolean refresh) {
        return html(refresh, System.nanoTime(), System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8);
    }

    String html(boolean refresh, long nowNanos, long nowMillis) {
        PageHtml.Facts f = new PageHtml.Facts();
        f.version = metrics.health().version();
        f.jvm = ThisJvm.DESCRIPTION;
        f.metricsPath = metricsPath;
        f.refresh = refresh;
        f.uptimeSeconds = (nowNanos - started) / 1e9;
        f.asOf = CLOCK.format(Instant.ofEpochMilli(nowMillis));
        f.intervalSeconds = INTERVAL_SECONDS;
        f.slots = INTERVALS;
        f.maxRoutes = MAX_ROUTES;
        f.maxTargets = MAX_TARGETS;
        f.maxSeries = maxSeries;
        f.bounds = bounds;
        return PageHtml.write(f, routes.window(nowNanos), targets.window(nowNanos), metrics.health());
    }
}
