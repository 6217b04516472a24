package dev.weft.agent.weave;

import dev.weft.instrumentation.api.AdviceTransformer;
import dev.weft.instrumentation.api.Matcher;
import dev.weft.instrumentation.api.MethodView;
import dev.weft.instrumentation.api.TypeView;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The modules' advice, woven by {@link AdviceInliner} into the methods with a body that the class
 * declares and a choice's matcher accepts.
 */
public final class InliningAdvice implements AdviceTransformer, DirectTransformer {

    private static final int ACC_NATIVE = 0x0100;
    private static final int ACC_ABSTRACT = 0x0400;

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
    public AdviceTransformer advice(Matcher<? super MethodView> methods, String adviceClass) {
        return advice(methods, adviceClass, adviceClass);
    }

    @Override
    public AdviceTransformer advice(Matcher<? super MethodView> methods, String enterClass, String exitClass) {
        List<Choice> more = new ArrayList<Choice>(choices);
        more.add(new Choice(methods, enterClass, exitClass));
        return new InliningAdvice(source, Collections.unmodifiableList(more));
    }

    @Override
    public void contribute(TypeView type, ClassLoader loader, ProtectionDomain protectionDomain, Weavings weavings) {
        for (Choice choice : choices) {
            for (MethodView method : type.declaredMethods()) {
                if ((method.modifiers() & (ACC_ABSTRACT | ACC_NATIVE)) == 0 && choice.methods.matches(method)) {
                    weavings.add(method.name(), method.descriptor(), choice.enter(), choice.exit());
                }
            }
        }
    }

    /** Which methods get which advice. */
    private final class Choice {
        final Matcher<? super MethodView> methods;
        final String enterClass;
        final String exitClass;

        Choice(Matcher<? super MethodView> methods, String enterClass, String exitClass) {
            this.methods = methods;
            this.enterClass = enterClass;
            this.exitClass = exitClass;
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
