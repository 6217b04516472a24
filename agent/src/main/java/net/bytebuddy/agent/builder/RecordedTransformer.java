package net.bytebuddy.agent.builder;

import dev.weft.agent.weave.DirectTransformer;
import dev.weft.agent.weave.Weavings;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Applies the transformations an {@link AgentBuilder.Default} recorded (the modules' {@code type(...)
 * .transform(...)} chains, with the builder's pool, location, description and type strategies and its
 * listener) to one class file, as ByteBuddy's own class-file transformer does, without making that
 * transformer.
 *
 * <p>{@code makeRaw()} generates a subclass of its transformer at run time, on Java 9+, to receive the
 * class's module, and setting that up loads ByteBuddy's subclassing, method-call implementation and
 * class-injection machinery: about a third of the agent's start-up work, for nothing Weft needs. The
 * agent's own filtering transformer already receives the module.
 *
 * <p>This class sits in ByteBuddy's package (relocated with it in the agent jar) because the builder's
 * recorded state is package-private there. Its steps follow ByteBuddy's transformer: the type is
 * described, ignored or matched against each transformation in order (up to a terminal one), and
 * the matching transformers are applied to one builder, whose result replaces the class file. When
 * they are all Weft's own ({@link DirectTransformer}: inlined advice and injected classes), the
 * class file is woven directly and no builder is made.
 * Resubmission, lambda instrumentation and the loaded-type fallback are not configured by Weft and
 * not supported here.
 */
public final class RecordedTransformer {

    private final AgentBuilder.Default builder;
    private final List<AgentBuilder.Default.Transformation> transformations;

    private RecordedTransformer(AgentBuilder.Default builder) {
        this.builder = builder;
        this.transformations = new ArrayList<AgentBuilder.Default.Transformation>(builder.transformations);
    }

    /**
     * An empty builder to record transformations on, configured as {@code new AgentBuilder.Default()}
     * but for strategies Weft never uses: no self-injecting initialization (whose set-up initialises
     * ByteBuddy's class injectors, which probe {@code sun.misc.Unsafe}), no injection, no fallback
     * to loaded types, nothing ignored yet. Advice decorates the methods a class declares, so the
     * woven type's method graph lists only those: the default one resolves the whole hierarchy
     * (every supertype's class file parsed) for methods nothing weaves.
     */
    public static AgentBuilder newRecording() {
        return new AgentBuilder.Default(new ByteBuddy().with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE),
                AgentBuilder.Listener.NoOp.INSTANCE,
                new AgentBuilder.CircularityLock.Default(), AgentBuilder.PoolStrategy.Default.FAST,
                AgentBuilder.TypeStrategy.Default.REDEFINE_FROZEN, AgentBuilder.LocationStrategy.ForClassLoader.STRONG,
                ClassFileLocator.NoOp.INSTANCE, AgentBuilder.Default.NativeMethodStrategy.Disabled.INSTANCE,
                AgentBuilder.Default.WarmupStrategy.NoOp.INSTANCE, AgentBuilder.TransformerDecorator.NoOp.INSTANCE,
                AgentBuilder.InitializationStrategy.NoOp.INSTANCE, AgentBuilder.RedefinitionStrategy.DISABLED,
                AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.SinglePass.INSTANCE,
                AgentBuilder.RedefinitionStrategy.BatchAllocator.ForTotal.INSTANCE,
                AgentBuilder.RedefinitionStrategy.Listener.NoOp.INSTANCE,
                AgentBuilder.RedefinitionStrategy.ResubmissionStrategy.Disabled.INSTANCE,
                AgentBuilder.InjectionStrategy.Disabled.INSTANCE, AgentBuilder.LambdaInstrumentationStrategy.DISABLED,
                AgentBuilder.DescriptionStrategy.Default.POOL_ONLY, AgentBuilder.FallbackStrategy.Simple.DISABLED,
                AgentBuilder.ClassFileBufferStrategy.Default.RETAINING, AgentBuilder.InstallationListener.NoOp.INSTANCE,
                AgentBuilder.RawMatcher.Trivial.NON_MATCHING, Collections.<AgentBuilder.Default.Transformation>emptyList());
    }

    /** The transformations recorded on {@code builder}, which must come from {@link #newRecording}. */
    public static RecordedTransformer of(AgentBuilder builder) {
        // after .transform(...) the chain is a delegator holding the last transformation apart
        while (builder instanceof AgentBuilder.Default.Delegator) {
            builder = ((AgentBuilder.Default.Delegator) builder).materialize();
        }
        if (!(builder instanceof AgentBuilder.Default)) {
            throw new IllegalArgumentException("not a recorded AgentBuilder.Default: " + builder.getClass().getName());
        }
        AgentBuilder.Default recorded = (AgentBuilder.Default) builder;
        if (recorded.descriptionStrategy.isLoadedFirst()) {
            throw new IllegalArgumentException("descriptions of loaded types are not supported");
        }
        return new RecordedTransformer(recorded);
    }

    /** How many {@code type(...)} transformations were recorded. */
    public int size() {
        return transformations.size();
    }

    /**
     * The transformed class file, or null to leave the class as it is. {@code module} is the class's
     * {@code java.lang.Module} on Java 9+, null on Java 8. Failures go to the builder's listener.
     */
    public byte[] transform(Object module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (internalName == null || !builder.circularityLock.acquire()) {
            return null;
        }
        try {
            return transform(module == null ? JavaModule.UNSUPPORTED : JavaModule.of(module), loader,
                    internalName.replace('/', '.'), classBeingRedefined, protectionDomain, classFile);
        } finally {
            builder.circularityLock.release();
        }
    }

    private byte[] transform(JavaModule module, ClassLoader loader, String typeName, Class<?> classBeingRedefined,
                             ProtectionDomain protectionDomain, byte[] classFile) {
        boolean loaded = classBeingRedefined != null;
        AgentBuilder.Listener listener = builder.listener;
        try {
            listener.onDiscovery(typeName, loader, module, loaded);
            ClassFileLocator locator = new ClassFileLocator.Compound(
                    builder.classFileBufferStrategy.resolve(typeName, classFile, loader, module, protectionDomain),
                    builder.locationStrategy.classFileLocator(loader, module));
            TypePool pool = builder.classFileBufferStrategy.typePool(builder.poolStrategy, locator, loader, typeName);
            TypeDescription type = builder.descriptionStrategy.apply(typeName, classBeingRedefined, pool,
                    builder.circularityLock, loader, module);
            List<AgentBuilder.Transformer> matched = new ArrayList<AgentBuilder.Transformer>();
            if (!builder.ignoreMatcher.matches(type, loader, module, classBeingRedefined, protectionDomain)) {
                for (AgentBuilder.Default.Transformation transformation : transformations) {
                    if (transformation.getMatcher().matches(type, loader, module, classBeingRedefined, protectionDomain)) {
                        matched.addAll(transformation.getTransformers());
                        if (transformation.isTerminal()) {
                            break;
                        }
                    }
                }
            }
            if (matched.isEmpty()) {
                listener.onIgnored(type, loader, module, loaded);
                return null;
            }
            if (Weavings.direct(matched)) {
                // Weft's own advice only: woven from the class file, without the type writer below
                Weavings weavings = new Weavings();
                for (AgentBuilder.Transformer transformer : matched) {
                    ((DirectTransformer) transformer).contribute(type, loader, module, protectionDomain, weavings);
                }
                byte[] woven = weavings.weave(classFile, type);
                listener.onTransformation(type, loader, module, loaded, null);
                return woven;
            }
            DynamicType.Builder<?> woven = builder.typeStrategy.builder(type, builder.byteBuddy, locator,
                    builder.nativeMethodStrategy.resolve(), loader, module, protectionDomain);
            AgentBuilder.InitializationStrategy.Dispatcher initialization = builder.initializationStrategy.dispatcher();
            for (AgentBuilder.Transformer transformer : matched) {
                woven = transformer.transform(woven, type, loader, module, protectionDomain);
            }
            DynamicType.Unloaded<?> made = initialization.apply(woven).make(TypeResolutionStrategy.Disabled.INSTANCE, pool);
            initialization.register(made, loader, protectionDomain, builder.injectionStrategy);
            listener.onTransformation(type, loader, module, loaded, made);
            return made.getBytes();
        } catch (Throwable t) {
            listener.onError(typeName, loader, module, loaded, t);
            return null;
        } finally {
            listener.onComplete(typeName, loader, module, loaded);
        }
    }
}
