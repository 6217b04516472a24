package dev.weft.agent.metrics;

/**
 * Maps a request method to one of the nine standard methods or {@code _OTHER}, so that a client
 * sending made-up methods cannot create series. Allocation-free: a switch on the string.
 */
final class HttpMethods {

    static final String OTHER = "_OTHER";
    static final String[] NAMES = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", OTHER};
    static final int COUNT = NAMES.length;

    private HttpMethods() {}

    static int index(String method) {
        if (method == null) {
            return COUNT - 1;
        }
        switch (method) {
            case "GET": return 0;
            case "HEAD": return 1;
            case "POST": return 2;
            case "PUT": return 3;
            case "DELETE": return 4;
            case "CONNECT": return 5;
            case "OPTIONS": return 6;
            case "TRACE": return 7;
            case "PATCH": return 8;
            default: return COUNT - 1;
        }
    }
}
