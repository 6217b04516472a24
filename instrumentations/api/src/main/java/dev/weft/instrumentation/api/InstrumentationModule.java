package dev.weft.instrumentation.api;

/**
 * One library family's instrumentation: its type matchers and advice. Found by
 * {@link java.util.ServiceLoader} in the agent class loader; each module is listed in
 * {@code META-INF/services/dev.weft.instrumentation.api.InstrumentationModule} of its jar.
 *
 * <pre>{@code
 * public Candidates candidates() {
 *     return Candidates.declaring("(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;");
 * }
 *
 * public Transformations instrument(Transformations builder, Advices advices) {
 *     return builder.type(Hierarchy.hasSuperType(named("javax.servlet.Servlet")), ClassLoaders.canSee("javax.servlet.Servlet"))
 *             .transform(advices.forModule(this).advice(named("service"), "my.ServiceAdvice"));
 * }
 * }</pre>
 */
public interface InstrumentationModule {

    /** The name users give in {@code WEFT_INSTRUMENTATIONS_DISABLED}, e.g. {@code servlet-javax}. */
    String name();

    /**
     * Every class this module's type matchers may accept, named or recognisable from its class
     * file. Classes outside the candidates of all installed modules are never parsed.
     */
    Candidates candidates();

    /** Adds this module's transformations to the builder. */
    Transformations instrument(Transformations builder, Advices advices);

    /**
     * Whether a candidate that loads while the agent is still starting waits for the weaving to be
     * ready (a bounded wait) instead of running unwoven until it is retransformed: true for modules
     * whose woven code records requests, so that calls made right after {@code premain} are not
     * lost. A module whose candidates load first thing in most applications, and whose weaving can
     * come a moment later, says false so that the application's start does not wait for the agent's.
     */
    default boolean weavesBeforeFirstUse() {
        return true;
    }
}
