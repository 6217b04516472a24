package dev.weft.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.weft.instrumentation.api.AdviceTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
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
 * writing: ByteBuddy chooses the classes and methods and hands each chosen method's visitor here;
 * its own {@code Advice} (some 150 classes loaded and run cold at start-up) is no longer used. The
 * fields advice reads are found through ByteBuddy's description of the woven class.
 */
public final class InliningAdvice implements AdviceTransformer {

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
            AdviceMethod enter = source.advice(enterClass)[0];
            AdviceMethod exit = source.advice(exitClass)[1];
            if (enter == null && exit == null) {
                throw new IllegalStateException(enterClass + " has no enter and " + exitClass + " no exit advice");
            }
            return new AdviceInliner(visitor, context.getClassFileVersion().getMinorMajorVersion(),
                    type.getInternalName(), method.getModifiers(), method.getInternalName(), method.getDescriptor(),
                    enter, exit, new DescribedFields(type));
        }
    }

    /** Fields as ByteBuddy describes the woven class and its superclasses. */
    private static final class DescribedFields implements FieldTypes {
        private final TypeDescription type;

        DescribedFields(TypeDescription type) {
            this.type = type;
        }

        @Override
        public Field find(String name) {
            for (TypeDefinition declaring = type; declaring != null; declaring = declaring.getSuperClass()) {
                FieldList<?> fields = declaring.getDeclaredFields().filter(named(name));
                if (!fields.isEmpty()) {
                    FieldDescription field = fields.getOnly();
                    return new Field(field.getDescriptor(), field.isStatic());
                }
            }
            return null;
        }
    }
}
