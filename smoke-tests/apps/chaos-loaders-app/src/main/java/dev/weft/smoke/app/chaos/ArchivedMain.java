package dev.weft.smoke.app.chaos;

/**
 * A short-lived application for class-data-sharing runs: it prints the Java feature version and
 * exits, so that the JVM can dump an archive of the classes it loaded (or load them from one).
 */
public final class ArchivedMain {

    public static void main(String[] args) {
        System.out.println("feature " + feature());
        System.out.println("READY");
    }

    /** Java 8 has no Runtime.version(); the smoke tests run 17 and 25, but the app stays plain. */
    private static int feature() {
        String version = System.getProperty("java.specification.version");
        return version.startsWith("1.") ? Integer.parseInt(version.substring(2)) : Integer.parseInt(version);
    }
}
