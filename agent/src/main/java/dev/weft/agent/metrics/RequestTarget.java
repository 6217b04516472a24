package dev.weft.agent.metrics;

/**
 * The path of an HTTP request target as it came on the request line, for servers whose API gives
 * the target rather than a decoded path (Netty, Reactor Netty, Micronaut): origin form
 * ({@code /items/7?full=1}) and absolute form ({@code http://host/items/7}) both give
 * {@code /items/7}; a target with no path ({@code *}, an authority) gives {@code /}. A path without
 * query or scheme is returned as it is, without copying.
 */
final class RequestTarget {

    private RequestTarget() {}

    static String path(String target) {
        if (target == null || target.isEmpty()) {
            return "/";
        }
        int from = 0;
        if (target.charAt(0) != '/') {
            int scheme = target.indexOf("://");
            if (scheme < 0) {
                return "/"; // "*" (OPTIONS) or an authority (CONNECT): no path
            }
            int slash = target.indexOf('/', scheme + 3);
            if (slash < 0) {
                return "/";
            }
            from = slash;
        }
        int end = target.length();
        for (int i = from; i < end; i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return from == 0 && end == target.length() ? target : target.substring(from, end);
    }
}
