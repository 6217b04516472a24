package dev.weft.instrumentation.tomcat;

import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Transformations;

/**
 * Records the requests Tomcat answers without a servlet: a 404 outside every context, an
 * authenticator valve's 401, a 400 for a request it could not map. The observation opens at
 * {@code CoyoteAdapter.service}, Tomcat's own entry for every request of every connector, and is
 * recorded there only when no servlet (nor any other server instrumentation) started one inside;
 * requests that reach a servlet are recorded by the servlet modules exactly as without this one.
 * {@code postParseRequest} is where Tomcat has mapped the request to a context and a servlet path:
 * the route comes from that mapping, through the path heuristic, or is {@code unmatched}.
 *
 * <p>GlassFish's web container has a class of the same name with Grizzly types; the argument
 * matchers keep it out.
 */
public final class TomcatModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.tomcat.";
    private static final String ADAPTER = "org.apache.catalina.connector.CoyoteAdapter";

    @Override
    public String name() {
        return "tomcat";
    }

    @Override
    public Candidates candidates() {
        return Candidates.named(ADAPTER);
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        return builder
                .type(named(ADAPTER), ClassLoaders.canSee("org.apache.coyote.Request"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.forModule(this)
                        .advice(named("service").and(takesArguments(2))
                                        .and(takesArgument(0, named("org.apache.coyote.Request")))
                                        .and(takesArgument(1, named("org.apache.coyote.Response"))),
                                PACKAGE + "ServiceAdvice")
                        .advice(named("postParseRequest").and(takesArguments(4))
                                        .and(takesArgument(1, named("org.apache.catalina.connector.Request"))),
                                PACKAGE + "MappedAdvice"));
    }
}
