package dev.weft.instrumentation.classloaders;

import static dev.weft.instrumentation.api.Matchers.declaresMethod;
import static dev.weft.instrumentation.api.Matchers.isAbstract;
import static dev.weft.instrumentation.api.Matchers.isInterface;
import static dev.weft.instrumentation.api.Matchers.named;
import static dev.weft.instrumentation.api.Matchers.not;
import static dev.weft.instrumentation.api.Matchers.returns;
import static dev.weft.instrumentation.api.Matchers.takesArguments;

import dev.weft.instrumentation.api.Advices;
import dev.weft.instrumentation.api.Candidates;
import dev.weft.instrumentation.api.Hierarchy;
import dev.weft.instrumentation.api.InstrumentationModule;
import dev.weft.instrumentation.api.Matcher;
import dev.weft.instrumentation.api.MethodView;
import dev.weft.instrumentation.api.Transformations;

/**
 * Makes {@code dev.weft.bootstrap} resolve from class loaders that do not ask the boot loader for
 * it: every class loader's own {@code loadClass(String)} and {@code loadClass(String, boolean)} first
 * look a {@code dev.weft.bootstrap.} name up on the boot class path, where the agent put it.
 *
 * <p>Parent-first loaders (the JDK's, Tomcat's, Jetty's) find those classes anyway. JBoss Modules
 * (WildFly) delegates only {@code java.*} and {@code jboss.modules.system.pkgs}, OSGi frameworks
 * (Equinox in Open Liberty, Felix in GlassFish and Karaf) only {@code java.*} and their boot
 * delegation list, and child-first loaders look in their own jars first: without this module,
 * advice woven into the servlet API of a WildFly module could not link to {@code Weft}, and the
 * other modules leave such classes unwoven (see {@code ClassLoaders.seesBootstrapApi}). Its advice
 * uses the JDK only, so it is safe in any loader, and it is applied before the other modules weave
 * anything in a loader that was loaded before the agent.
 */
public final class ClassLoadersModule implements InstrumentationModule {

    /** The descriptor every class declaring loadClass(String, boolean) holds in its constant pool. */
    private static final String LOAD_CLASS_RESOLVING = "(Ljava/lang/String;Z)Ljava/lang/Class;";

    @Override
    public String name() {
        return "class-loaders";
    }

    /**
     * Loaders that override {@code loadClass(String, boolean)}, which is where a loader decides whom to
     * ask. A loader that overrides only {@code loadClass(String)} is missed: naming that descriptor would
     * make every caller of {@code Class.forName(String)} a candidate.
     */
    @Override
    public Candidates candidates() {
        return Candidates.declaring(LOAD_CLASS_RESOLVING);
    }

    /**
     * Launchers create their class loaders first thing in {@code main} (Spring Boot's, for one);
     * waiting for the agent there would add its whole start to the application's. The loaders that
     * need this module (JBoss Modules, OSGi) load the libraries worth weaving much later, and loaders
     * loaded meanwhile are woven by retransformation before anything they loaded.
     */
    @Override
    public boolean weavesBeforeFirstUse() {
        return false;
    }

    @Override
    public Transformations instrument(Transformations builder, Advices advices) {
        Matcher<MethodView> loadClass = named("loadClass").and(not(isAbstract()))
                .and(returns(Class.class))
                .and(takesArguments(String.class).or(takesArguments(String.class, boolean.class)));
        // no seesBootstrapApi() here: this advice is what makes such loaders see it
        return builder
                // declaresMethod first: every other module's candidates reach this matcher too, and only
                // a loader's own loadClass makes its hierarchy (each supertype's class file) worth reading
                .type(not(isInterface()).and(declaresMethod(loadClass))
                        .and(Hierarchy.hasSuperType(named("java.lang.ClassLoader"))))
                .transform(advices.forModule(this)
                        .advice(loadClass, "dev.weft.instrumentation.classloaders.LoadClassAdvice"));
    }
}
