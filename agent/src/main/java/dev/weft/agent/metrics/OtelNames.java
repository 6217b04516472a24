package dev.weft.agent.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The OpenTelemetry spelling of Weft's HTTP metric and label names ({@code WEFT_UTF8_NAMES=true}),
 * as Prometheus 3 stores OpenTelemetry metrics with UTF-8 names and unit suffixes:
 *
 * <pre>
 * http_server_request_duration_seconds{http_route=...}   scrapers without UTF-8 names (unchanged)
 * {"http.server.request.duration_seconds", "http.route"=...}   scrapers that send escaping=allow-utf-8
 * </pre>
 *
 * <p>The metrics are registered under the dotted names; the Prometheus client escapes them back to
 * exactly today's underscore names for every scraper that does not allow UTF-8, so only a scraper
 * that asks sees the dots.
 */
final class OtelNames {

    private static final Map<String, String> DOTTED = new HashMap<String, String>();

    static {
        DOTTED.put("http_server_request_duration_seconds", "http.server.request.duration_seconds");
        DOTTED.put("http_server_active_requests", "http.server.active_requests");
        DOTTED.put("http_server_request_body_size_bytes", "http.server.request.body.size_bytes");
        DOTTED.put("http_server_response_body_size_bytes", "http.server.response.body.size_bytes");
        DOTTED.put("http_client_request_duration_seconds", "http.client.request.duration_seconds");
        DOTTED.put("http_client_active_requests", "http.client.active_requests");
        DOTTED.put("http_request_method", "http.request.method");
        DOTTED.put("http_route", "http.route");
        DOTTED.put("http_response_status_code", "http.response.status_code");
        DOTTED.put("error_type", "error.type");
        DOTTED.put("server_address", "server.address");
        DOTTED.put("server_port", "server.port");
    }

    private OtelNames() {}

    static String of(String name, boolean dotted) {
        String d = dotted ? DOTTED.get(name) : null;
        return d == null ? name : d;
    }

    static String[] of(boolean dotted, String... names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = of(names[i], dotted);
        }
        return out;
    }
}
