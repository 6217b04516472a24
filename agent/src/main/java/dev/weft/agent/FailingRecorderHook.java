package dev.weft.agent;

import dev.weft.bootstrap.ServerRecorder;

/**
 * A test hook, not a feature: with {@code -Ddev.weft.test.failRecorder=true} the agent installs a
 * server recorder whose every method throws, so smoke tests can prove in a real JVM that failing
 * advice never reaches the application (see docs/operations.md, "Advice failures").
 *
 * <pre>{@code
 * ServerRecorder recorder = FailingRecorderHook.wrap(metrics.server(), System.getProperties());
 * }</pre>
 *
 * The property is read once at start-up and lives outside the {@code weft.} namespace, so it is not
 * a setting: it cannot be set through WEFT_* variables or agent arguments.
 */
final class FailingRecorderHook {

    static final String PROPERTY = "dev.weft.test.failRecorder";

    private FailingRecorderHook() {}

    static ServerRecorder wrap(ServerRecorder recorder, java.util.Properties properties) {
        if (!"true".equals(properties.getProperty(PROPERTY))) {
            return recorder;
        }
        Log.warn(PROPERTY + "=true: a test hook makes every server recording fail on purpose");
        return new Failing();
    }

    /** Throws from every call, as a recorder with a bug would. */
    static final class Failing implements ServerRecorder {
        private static RuntimeException failure() {
            return new IllegalStateException("recorder failure injected by " + PROPERTY);
        }

        @Override public long start(String method) { throw failure(); }
        @Override public String mappedRoute(String contextPath, String pattern) { throw failure(); }
        @Override public String pathRoute(String contextPath, String path, int status) { throw failure(); }
        @Override public void frameworkTemplate(String template) { throw failure(); }
        @Override public void frameworkParent(String template) { throw failure(); }
        @Override public void frameworkBase(String address) { throw failure(); }
        @Override public void frameworkError(Throwable error) { throw failure(); }
        @Override public String templateRoute(String basePath, String parent, String template) { throw failure(); }
        @Override public void end(long startNanos, String method, String route, int status, Throwable error,
                                  long requestBytes, long responseBytes) { throw failure(); }
    }
}
