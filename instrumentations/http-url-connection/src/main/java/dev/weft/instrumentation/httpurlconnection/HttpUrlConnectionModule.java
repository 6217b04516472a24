package dev.weft.instrumentation.httpurlconnection;

import static dev.weft.instrumentation.api.Matchers.isBootstrapClassLoader;
import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Times every request made with {@code java.net.HttpURLConnection} through the JDK's own
 * implementation, for {@code http:} and {@code https:} URLs alike, once per logical request.
 *
 * <p>The https connection ({@code HttpsURLConnectionImpl}) hands every call to a delegate that
 * extends the http implementation, so weaving the http class records both schemes, once. The
 * delegate only overrides {@code connect()} (to add the TLS handshake), which is woven too. Both
 * classes live in {@code java.base} and may be loaded before the agent starts: they are
 * retransformed, with advice that adds no field or method.
 *
 * <p>Which call records:
 * <ul>
 *   <li>{@code getInputStream()} sends the request (if it was not yet), follows redirects and
 *       authentication challenges, and reads the response headers; {@code getResponseCode()},
 *       {@code getHeaderField*()} and {@code getHeaderFields()} all go through it. Its first
 *       completion, normal or not, records; later calls return the remembered stream or exception
 *       and record nothing.</li>
 *   <li>{@code connect()} and {@code getOutputStream()}, when they come first, mark the start of the
 *       request ({@link ConnectAdvice}); a failure there (connection refused, TLS handshake) records
 *       the call, since the application will usually not read the response.</li>
 * </ul>
 */
public final class HttpUrlConnectionModule implements InstrumentationModule {

    static final String HTTP = "sun.net.www.protocol.http.HttpURLConnection";
    static final String HTTPS_DELEGATE = "sun.net.www.protocol.https.AbstractDelegateHttpsURLConnection";
    private static final String PACKAGE = "dev.weft.instrumentation.httpurlconnection.";

    @Override
    public String name() {
        return "http-url-connection";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(HTTP, HTTPS_DELEGATE);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(HTTP), isBootstrapClassLoader())
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this)
                        .advice(named("connect").and(takesArguments(0)), PACKAGE + "ConnectAdvice")
                        .advice(named("getOutputStream").and(takesArguments(0)), PACKAGE + "OutputStreamAdvice")
                        .advice(named("getInputStream").and(takesArguments(0)), PACKAGE + "InputStreamAdvice"))
                .type(named(HTTPS_DELEGATE), isBootstrapClassLoader())
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this)
                        .advice(named("connect").and(takesArguments(0)), PACKAGE + "ConnectAdvice"));
    }
}
