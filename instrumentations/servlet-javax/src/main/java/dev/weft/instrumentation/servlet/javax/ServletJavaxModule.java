package dev.weft.instrumentation.servlet.javax;

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
 * Times every request that enters a javax.servlet container: {@code Servlet.service} and
 * {@code Filter.doFilter} of every implementation, recorded once by the outermost call.
 *
 * <p>Servlet 4.0+ containers (Tomcat 9, Jetty 9.4's successors, Undertow 2) give the matched mapping
 * ({@code HttpServletMapping}); on 3.x the route is derived from the servlet path. Which exit advice
 * applies is decided per class loader, so a method missing from the container's API is never called;
 * a 2.x API is left alone (said at debug level).
 */
public final class ServletJavaxModule implements InstrumentationModule {

    private static final String PACKAGE = "dev.weft.instrumentation.servlet.javax.";

    @Override
    public String name() {
        return "servlet-javax";
    }

    /** Every class declaring service(ServletRequest, ServletResponse) or doFilter(ServletRequest, ServletResponse, ...). */
    @Override
    public Candidates candidates() {
        return Candidates.declaring("(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;");
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        Matcher<MethodView> entryPoints = isPublic().and(not(isAbstract()))
                .and(named("service").and(takesArguments(2)).or(named("doFilter").and(takesArguments(3))))
                .and(takesArgument(0, named("javax.servlet.ServletRequest")))
                .and(takesArgument(1, named("javax.servlet.ServletResponse")));
        // declaresMethod reads only the class's own file and rejects almost every class at once;
        // the hierarchy walk of hasSuperType runs for the few that declare such a method.
        Matcher<TypeView> servletsAndFilters = not(isInterface())
                .and(declaresMethod(entryPoints))
                .and(Hierarchy.hasSuperType(named("javax.servlet.Servlet").or(named("javax.servlet.Filter"))));
        Matcher<ClassLoader> servlet4 = ClassLoaders.canSee("javax.servlet.http.HttpServletMapping");
        // The enter advice calls getDispatcherType(): a 2.x API (no DispatcherType) is skipped, not
        // woven into a NoSuchMethodError.
        Matcher<ClassLoader> servlet3 = ClassLoaders.canSee("javax.servlet.Servlet").and(not(servlet4))
                .and(ClassLoaders.requires(name(), "javax.servlet.DispatcherType", "a servlet API older than 3.0"));

        return builder
                .type(servletsAndFilters, servlet4)
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "AsyncCompletionListener"))
                .transform(advices.forModule(this)
                        .advice(entryPoints, PACKAGE + "ServletEnterAdvice", PACKAGE + "ServletExitAdvice"))
                .type(servletsAndFilters, servlet3)
                .and(ClassLoaders.seesBootstrapApi())
                .transform(advices.injecting(this, PACKAGE + "AsyncCompletionListener"))
                .transform(advices.forModule(this)
                        .advice(entryPoints, PACKAGE + "ServletEnterAdvice", PACKAGE + "Servlet3ExitAdvice"));
    }
}
