package dev.weft.instrumentation.api;

import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One library family's instrumentation: its type matchers and advice. Found by
 * {@link java.util.ServiceLoader} in the agent class loader; each module is listed in
 * {@code META-INF/services/dev.weft.instrumentation.api.InstrumentationModule} of its jar.
 *
 * <pre>{@code
 * public Candidates candidates() {
 *     return Candidates.mentioning("(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;");
 * }
 *
 * public AgentBuilder instrument(AgentBuilder builder, Advices advices) {
 *     return builder.type(hasSuperType(named("javax.servlet.Servlet")), ClassLoaders.canSee("javax.servlet.Servlet"))
 *             .transform(advices.forModule(this).advice(named("service"), "my.ServiceAdvice"));
 * }
 * }</pre>
 */
public interface InstrumentationModule {

    /** The name users give in {@code WEFT_INSTRUMENTATIONS_DISABLED}, e.g. {@code servlet-javax}. */
    String name();

    /**
     * Every class this module's type matchers may accept, named or recognisable from its class
     * file. Classes outside the candidates of all installed modules never reach ByteBuddy.
     */
    Candidates candidates();

    /** Adds this module's transformations to the builder. */
    AgentBuilder instrument(AgentBuilder builder, Advices advices);
}
