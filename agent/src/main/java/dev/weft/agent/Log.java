package dev.weft.agent;

/**
 * The agent's only output: single lines on stderr, each starting with {@code weft:}, filtered by
 * {@code WEFT_LOG_LEVEL}. The agent never uses the application's logging framework, whose
 * configuration it would otherwise trigger or disturb.
 */
public final class Log {

    /** Levels from quietest to noisiest. */
    public enum Level { OFF, ERROR, WARN, INFO, DEBUG }

    private static volatile Level level = Level.INFO;

    private Log() {}

    public static void setLevel(Level newLevel) {
        level = newLevel;
    }

    public static boolean enabled(Level at) {
        return at != Level.OFF && at.ordinal() <= level.ordinal();
    }

    public static void error(String message) {
        print(Level.ERROR, message);
    }

    public static void warn(String message) {
        print(Level.WARN, message);
    }

    public static void info(String message) {
        print(Level.INFO, message);
    }

    public static void debug(String message) {
        print(Level.DEBUG, message);
    }

    private static void print(Level at, String message) {
        if (enabled(at)) {
            System.err.println("weft: " + message);
        }
    }
}
