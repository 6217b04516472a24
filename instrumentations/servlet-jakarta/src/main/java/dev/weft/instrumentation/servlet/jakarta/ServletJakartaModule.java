package dev.weft.instrumentation.servlet.jakarta;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.ClassLoaders;
import dev.weft.instrumentation.api.InstrumentationModule;
import net.bytebuddy.agent.builder.AgentBuilder;

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

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advices) {
        return builder
                .type(not(isInterface()).and(hasSuperType(
                                named("jakarta.servlet.Servlet").or(named("jakarta.servlet.Filter")))),
                        ClassLoaders.canSee("jakarta.servlet.Servlet"))
                .transform(advices.injecting(this, PACKAGE + "AsyncCompletionListener"))
                .transform(advices.forModule(this)
                        .advice(isPublic().and(not(isAbstract()))
                                        .and(named("service").and(takesArguments(2))
                                                .or(named("doFilter").and(takesArguments(3))))
                                        .and(takesArgument(0, named("jakarta.servlet.ServletRequest")))
                                        .and(takesArgument(1, named("jakarta.servlet.ServletResponse"))),
                                PACKAGE + "ServletEnterAdvice", PACKAGE + "ServletExitAdvice"));
    }
}
