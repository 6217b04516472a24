package dev.weft.instrumentation.jaxrs.jersey;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.spi.ContainerResponseWriter;

/**
 * Times a request that reaches Jersey outside any servlet: inside one, the servlet advice is the
 * outer call and records it, so this returns {@link ServerRecorder#NOT_TIMED}.
 */
public final class ApplicationHandlerAdvice {

    private ApplicationHandlerAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.Argument(0) ContainerRequest request) {
        if (CallDepth.SERVER.enter() > 0) {
            return ServerRecorder.NOT_TIMED;
        }
        String method = request.getMethod();
        long start = Weft.server().start(method);
        if (start != ServerRecorder.NOT_TIMED) {
            request.setWriter(new RecordingResponseWriter(request.getResponseWriter(), start, method,
                    request.getBaseUri().getRawPath(), request.getLength()));
        }
        return start;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) ContainerRequest request,
                            @Advice.Enter long start,
                            @Advice.Thrown Throwable thrown) {
        CallDepth.SERVER.exit();
        if (start != ServerRecorder.NOT_TIMED && thrown != null) {
            ContainerResponseWriter writer = request.getResponseWriter();
            if (writer instanceof RecordingResponseWriter) {
                ((RecordingResponseWriter) writer).escaped(thrown);
            }
        }
    }
}
