package dev.weft.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.reflect.InvocationTargetException;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's one class-file transformer. It passes ByteBuddy only the classes the
 * {@link ClassFileFilter} accepts; every other class loads untouched and unparsed.
 *
 * <p>It is registered in {@code premain} before ByteBuddy is even loaded, and starts out
 * <em>pending</em>: it only notes the names of the candidates that load, while a background thread
 * builds ByteBuddy's transformer (a few hundred milliseconds of class loading the application's
 * startup no longer waits for). Once {@link #activate activated} it hands candidates straight to
 * ByteBuddy, and {@link Instrumenter} retransforms the ones noted meanwhile.
 *
 * <p>On Java 9+ the JVM calls the variant of {@code transform} that takes the class's module, which
 * ByteBuddy needs (read edges for woven classes in named modules). That override lives in
 * {@code ModulePrefilteringTransformer}, compiled for Java 9 from {@code src/main/java9}, and is
 * chosen at run time, so this class stays loadable on Java 8.
 */
class PrefilteringTransformer implements ClassFileTransformer {

    private static final String MODULE_AWARE = "dev.weft.agent.instrument.ModulePrefilteringTransformer";

    protected final ClassFileFilter filter;
    private final Set<String> noted = ConcurrentHashMap.<String>newKeySet();
    protected volatile ClassFileTransformer delegate;

    protected PrefilteringTransformer(ClassFileFilter filter) {
        this.filter = filter;
    }

    /** The variant this JVM calls: with modules on Java 9+, without on Java 8. */
    static PrefilteringTransformer create(ClassFileFilter filter, boolean modules) {
        if (!modules) {
            return new PrefilteringTransformer(filter);
        }
        try {
            return (PrefilteringTransformer) Class.forName(MODULE_AWARE)
                    .getDeclaredConstructor(ClassFileFilter.class)
                    .newInstance(filter);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the agent jar lacks " + MODULE_AWARE, e);
        }
    }

    /** From now on candidates go to ByteBuddy's transformer. */
    void activate(ClassFileTransformer byteBuddy) {
        delegate = byteBuddy;
    }

    /** The candidates that loaded while pending, by internal name: they are woven by retransformation. */
    Set<String> noted() {
        return new HashSet<String>(noted);
    }

    /**
     * ByteBuddy's transformer when this class is a candidate and the agent is active, else null: the
     * class loads untouched (and, while pending, a candidate's name is noted).
     */
    protected final ClassFileTransformer target(ClassLoader loader, String internalName, byte[] classFile) {
        if (!filter.accepts(loader, internalName, classFile)) {
            return null;
        }
        ClassFileTransformer byteBuddy = delegate;
        if (byteBuddy == null) {
            noted.add(internalName);
        }
        return byteBuddy;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        ClassFileTransformer byteBuddy = target(loader, internalName, classFile);
        return byteBuddy == null
                ? null
                : byteBuddy.transform(loader, internalName, classBeingRedefined, protectionDomain, classFile);
    }
}
