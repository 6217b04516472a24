package dev.weft.instrumentation.googlehttpclient;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Times every call of the Google HTTP Client for Java: {@code HttpRequest.execute()}, which
 * {@code executeAsync} runs on its executor too.
 *
 * <p>The client follows redirects and retries (its unsuccessful-response and I/O-exception
 * handlers, its back-off policy) itself, each time with a new request of its transport: with
 * {@code NetHttpTransport} a new {@code HttpURLConnection}, with {@code ApacheHttpTransport} a new
 * Apache HttpClient call. Those are instrumented too, and would record the {@code 302} and every
 * attempt on its own. Timed here, the whole {@code execute} is one observation with the final
 * status, and the transport's calls inside it, on the same thread, are not recorded again (the
 * shared client call depth).
 */
public final class GoogleHttpClientModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.googlehttpclient.";
    private static final String REQUEST = "com.google.api.client.http.HttpRequest";

    @Override
    public String name() {
        return "google-http-client";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(REQUEST);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(REQUEST), ClassLoaders.canSee("com.google.api.client.http.HttpTransport"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this).advice(named("execute").and(takesArguments(0)),
                        PACKAGE + "ExecuteEnterAdvice", PACKAGE + "ExecuteExitAdvice"));
    }
}
