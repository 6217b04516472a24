package dev.weft.agent.instrument;

import static dev.weft.instrumentation.api.Matchers.named;

import dev.weft.agent.Log;
import dev.weft.agent.weave.ClassFiles;
import dev.weft.agent.weave.ClassHeader;
import dev.weft.agent.weave.ClassHeaders;
import dev.weft.agent.weave.DirectTransformer;
import dev.weft.agent.weave.InliningAdvice;
import dev.weft.agent.weave.Weavings;
import net.bytebuddy.asm.Advice;

/**
 * Weaves advice into a class of the agent's own, once, on the background thread, and throws the
 * result away: the first class woven loads and runs cold most of the weaving code (the class's
 * header, the advice's reading, the inliner, ASM), time that would otherwise fall on the
 * application thread loading its first candidate. Done while the application starts on
 * another core, it is off the application's path. On one processor it would cost about what it
 * saves, or everything in an application with no candidate: {@link Instrumenter} skips it there.
 */
final class WarmUp {

    private WarmUp() {}

    /**
     * Whether the sample class was woven. Never throws: a failed warm-up only leaves the cold start
     * to the first real weave.
     */
    static boolean run() {
        try {
            ClassLoader agent = WarmUp.class.getClassLoader();
            byte[] classFile = ClassFiles.read(agent, Target.class.getName());
            ClassHeader target = ClassHeader.read(classFile, ClassHeaders.of(agent));
            Weavings weavings = new Weavings();
            ((DirectTransformer) new InliningAdvice(agent)
                    .advice(named("serve"), Enter.class.getName(), Exit.class.getName()))
                    .contribute(target, agent, null, weavings);
            byte[] woven = weavings.weave(classFile, target);
            return woven != null && woven.length > 0;
        } catch (Throwable t) {
            Log.debug("warm-up failed: " + t);
            return false;
        }
    }

    /** Shaped like the library methods modules weave: arguments, a result, a loop, a throw. */
    static final class Target {
        String serve(String method, int status, Object request) {
            StringBuilder out = new StringBuilder(method);
            for (int i = 0; i < status % 3; i++) {
                out.append(request);
            }
            if (status < 0) {
                throw new IllegalArgumentException(method);
            }
            return out.toString();
        }
    }

    static final class Enter {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.Argument(0) String method, @Advice.This Object self) {
            return method.length() + System.identityHashCode(self);
        }
    }

    static final class Exit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(1) int status, @Advice.Enter long started, @Advice.Return String result,
                         @Advice.Thrown Throwable thrown) {
            if (thrown != null || result == null || started == status) {
                System.nanoTime();
            }
        }
    }
}
