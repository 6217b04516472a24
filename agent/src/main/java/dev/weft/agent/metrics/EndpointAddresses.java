package dev.weft.agent.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where the configured address of a framework's endpoint puts its templates: a relative address
 * lies under the servlet that dispatched to the framework, an absolute one names a path from the
 * server's root and stands in for the servlet's prefix.
 *
 * <pre>{@code
 * addresses.prefix("/shop/services", "/rest")                       // "/shop/services/rest"
 * addresses.prefix("/shop/api", "/")                                // "/shop/api"
 * addresses.prefix("/app", "http://127.0.0.1:8080/app/api")         // "/app/api"
 * addresses.prefix("/shop/services", "http://localhost/rest")       // "/shop/services/rest"
 * }</pre>
 *
 * CXF's servlet transport reads {@code http://localhost/...} as relative, and so does this. Addresses
 * come from the application's configuration, so there are few; each is worked out once and kept,
 * and a request builds no string. Past {@value #MAX_CACHED} addresses they are still worked out,
 * only not kept.
 */
final class EndpointAddresses {

    private static final int MAX_CACHED = 256;
    private static final String[] LOCALHOST = {"http://localhost/", "https://localhost/"};

    private final Templates templates;
    private final ConcurrentMap<String, Address> byAddress = new ConcurrentHashMap<String, Address>();

    EndpointAddresses(Templates templates) {
        this.templates = templates;
    }

    /** The prefix of the templates of an endpoint at {@code address} under the servlet route {@code servletRoute}. */
    String prefix(String servletRoute, String address) {
        if (address == null) {
            return servletRoute;
        }
        Address a = byAddress.get(address);
        if (a == null) {
            a = parse(address);
            if (byAddress.size() < MAX_CACHED) {
                byAddress.putIfAbsent(address, a);
            }
        }
        return a.fromRoot ? a.path : templates.route(servletRoute, a.path);
    }

    static Address parse(String address) {
        String a = address;
        for (String localhost : LOCALHOST) {
            if (a.startsWith(localhost)) {
                return new Address(a.substring(localhost.length()), false);
            }
        }
        int scheme = a.indexOf("://");
        if (scheme < 0) {
            return new Address(a, false);
        }
        int slash = a.indexOf('/', scheme + 3);
        String path = slash < 0 ? "" : a.substring(slash);
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return new Address(Templates.compose(path.substring(0, end), ""), true);
    }

    /** One address: a path from the server's root, or a piece under the servlet's prefix. */
    static final class Address {
        final String path;
        final boolean fromRoot;

        Address(String path, boolean fromRoot) {
            this.path = path;
            this.fromRoot = fromRoot;
        }
    }
}
