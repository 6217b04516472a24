package dev.weft.instrumentation.servlet.jakarta;

import static dev.weft.instrumentation.api.Matchers.declaresMethod;
import static dev.weft.instrumentation.api.Matchers.isAbstract;
import static dev.weft.instrumentation.api.Matchers.isInterface;
import static dev.weft.instrumentation.api.Matchers.isPublic;
import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.not;
import static dev.weft.instrumentation.api.Matchers.takesArgument;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.Hierarchy;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Matcher;
import dev.weft.instrumentation.api.MethodView;
import dev.weft.instrumentation.api.Transformations;
import dev.weft.instrumentation.api.TypeView;

/**
 * Times every request that enters a jakarta.servlet 5+ container (Tomcat 10-11, Jetty 11-12):
 * {@code Servlet.service} and {@code Filter.doFilter} of every implementation, recorded once by the
 * outermost call, routed by the matched {@code HttpServletMapping}.
 */
public final class ServletJakartaModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.servlet.jakarta.";

    @Override
    public String name() {
        return "servlet-jakarta";
    }

    /** Every class declaring service(ServletRequest, ServletResponse) or doFilter(ServletRequest, ServletResponse, ...). */
    @Override
    public Candidates candidates() {
        return Candidates.declaring("(Ljakarta/servlet/ServletRequest;Ljakarta/servlet/ServletResponse;");
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        Matcher<MethodView> entryPoints = isPublic().and(not(isAbstract()))
                .and(named("service").and(takesArguments(2)).or(named("doFilter").and(takesArguments(3))))
                .and(takesArgument(0, named("jakarta.servlet.ServletRequest")))
                .and(takesArgument(1, named("jakarta.servlet.ServletResponse")));
        // declaresMethod reads only the class's own file and rejects almost every class at once;
        // the hierarchy walk of hasSuperType runs for the few that declare such a method.
        Matcher<TypeView> servletsAndFilters = not(isInterface())
                .and(declaresMethod(entryPoints))
                .and(Hierarchy.hasSuperType(named("jakarta.servlet.Servlet").or(named("jakarta.servlet.Filter"))));
        return builder
                .type(servletsAndFilters, ClassLoaders.canSee("jakarta.servlet.Servlet"))
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "AsyncCompletionListener"))
                .transform(advices.forModule(this)
                        .advice(entryPoints, PACKAGE + "ServletEnterAdvice", PACKAGE + "ServletExitAdvice"));
    }
}
