package dev.weft.smoke;

/** Closing what a test class started, for its {@code @AfterAll}. */
public final class Closeables {

    private Closeables() {}

    /**
     * Closes each one that was started (a null is one a failed start never made); one that fails
     * to close does not keep the others, JVMs and servers among them, running after the tests.
     */
    public static void closeAll(AutoCloseable... started) {
        for (AutoCloseable c : started) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the others still close
            }
        }
    }
}
