package dev.weft.agent.weave;

import dev.weft.instrumentation.api.AdviceTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * The modules' advice woven by {@link AdviceInliner} under ByteBuddy's type matching and class
 * description: ByteBuddy chooses the classes, and the methods are chosen among those its description
 * of the class declares; ByteBuddy's own {@code Advice} (some 150 classes loaded and run cold at
 * start-up) is not used. Woven as a {@link DirectTransformer}, or, among other transformers,
 * through ByteBuddy's type writer, which hands each chosen method's visitor here.
 */
public final class InliningAdvice implements AdviceTransformer, DirectTransformer {

    private final AdviceSource source;
    private final List<Choice> choices;

    /** Advice classes read from {@code adviceLoader}, the module's own. */
    public InliningAdvice(ClassLoader adviceLoader) {
        this(new AdviceSource(adviceLoader), Collections.<Choice>emptyList());
    }

    private InliningAdvice(AdviceSource source, List<Choice> choices) {
        this.source = source;
        this.choices = choices;
    }

    @Override
    public AdviceTransformer advice(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
        return advice(methods, adviceClass, adviceClass);
    }

    @Override
    public AdviceTransformer advice(ElementMatcher<? super MethodDescription> methods, String enterClass,
                                    String exitClass) {
        List<Choice> more = new ArrayList<Choice>(choices);
        more.add(new Choice(methods, enterClass, exitClass));
        return new InliningAdvice(source, Collections.unmodifiableList(more));
    }

    @Override
    public void contribute(TypeDescription type, ClassLoader loader, JavaModule module,
                           ProtectionDomain protectionDomain, Weavings weavings) {
        for (Choice choice : choices) {
            for (MethodDescription method : type.getDeclaredMethods()) {
                if (!method.isAbstract() && !method.isNative() && choice.methods.matches(method)) {
                    weavings.add(method.getInternalName(), method.getDescriptor(), choice.enter(), choice.exit());
                }
            }
        }
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                            JavaModule module, ProtectionDomain protectionDomain) {
        AsmVisitorWrapper.ForDeclaredMethods methods = new AsmVisitorWrapper.ForDeclaredMethods()
                .readerFlags(ClassReader.EXPAND_FRAMES);
        for (Choice choice : choices) {
            methods = methods.invokable(choice.methods, choice);
        }
        return builder.visit(methods);
    }

    /** Which methods get which advice. */
    private final class Choice implements AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper {
        final ElementMatcher<? super MethodDescription> methods;
        final String enterClass;
        final String exitClass;

        Choice(ElementMatcher<? super MethodDescription> methods, String enterClass, String exitClass) {
            this.methods = methods;
            this.enterClass = enterClass;
            this.exitClass = exitClass;
        }

        @Override
        public MethodVisitor wrap(TypeDescription type, MethodDescription method, MethodVisitor visitor,
                                  Implementation.Context context, TypePool pool, int writerFlags, int readerFlags) {
            if (method.isAbstract() || method.isNative()) {
                return visitor;
            }
            return new AdviceInliner(visitor, context.getClassFileVersion().getMinorMajorVersion(),
                    type.getInternalName(), method.getModifiers(), method.getInternalName(), method.getDescriptor(),
                    enter(), exit(), new DescribedFields(type));
        }

        AdviceMethod enter() {
            AdviceMethod enter = source.advice(enterClass)[0];
            if (enter == null && source.advice(exitClass)[1] == null) {
                throw new IllegalStateException(enterClass + " has no enter and " + exitClass + " no exit advice");
            }
            return enter;
        }

        AdviceMethod exit() {
            return source.advice(exitClass)[1];
        }
    }
}
