package dev.weft.bootstrap;

/**
 * Server instrumentation whose advice is woven into a named JDK module that cannot link to classes
 * injected next to it: the JDK's {@code com.sun.net.httpserver} ({@code jdk.httpserver}, defined by
 * the platform class loader). Its advice calls only this class; the work is done by an implementation
 * the instrumentation installs from the agent's class loader at start-up, which can name the
 * server's types (as {@link AsyncClientCall}'s status reader does for {@code java.net.http}).
 *
 * <pre>{@code
 * Object token = ExchangeHook.jdkHttpServer().enter(exchange);  // Filter.Chain.doFilter, on enter
 * ExchangeHook.jdkHttpServer().exit(token, thrown);             // and on exit
 * }</pre>
 */
public abstract class ExchangeHook {

    /** Does nothing: before the instrumentation installed its hook, or when it is disabled. */
    private static final ExchangeHook NOOP = new ExchangeHook() {
        @Override
        public Object enter(Object exchange) {
            return OuterRequest.NOT_ENTERED;
        }

        @Override
        public void exit(Object token, Throwable thrown) {}
    };

    private static volatile ExchangeHook jdkHttpServer = NOOP;

    /** The hook of the JDK's {@code com.sun.net.httpserver}. */
    public static ExchangeHook jdkHttpServer() {
        return jdkHttpServer;
    }

    /** Called once by the instrumentation of the JDK's HTTP server. */
    public static void installJdkHttpServer(ExchangeHook hook) {
        jdkHttpServer = hook == null ? NOOP : hook;
    }

    /** As the server starts running an exchange's filters and handler; the result goes to {@link #exit}. */
    public abstract Object enter(Object exchange);

    /** As that call returns, or throws {@code thrown}. */
    public abstract void exit(Object token, Throwable thrown);
}
