package dev.weft.instrumentation.threadpools;

import dev.weft.bootstrap.ServerThreadPools;
import io.undertow.Undertow;
import net.bytebuddy.asm.Advice;

/** {@code Undertow.start()}, on return: the worker it created (or was given) serves its requests. */
public final class UndertowStartAdvice {

    private UndertowStartAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.This Undertow undertow) {
        ServerThreadPools.serving("undertow", undertow.getWorker());
    }
}
