package dev.weft.instrumentation.jaxrs.jersey;

import dev.weft.bootstrap.ServerRecorder;
import dev.weft.bootstrap.Weft;
import java.util.List;
import net.bytebuddy.asm.Advice;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.internal.process.RequestProcessingContext;
import org.glassfish.jersey.server.spi.ContainerResponseWriter;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Hands the templates Jersey matched to the recorder as the resource method starts. Jersey lists
 * them innermost first: the method's {@code @Path}, then each locator's, then the class's.
 */
public final class ResourceMethodAdvice {

    private ResourceMethodAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) RequestProcessingContext context) {
        ContainerRequest request = context.request();
        List<UriTemplate> templates = request.getUriInfo().getMatchedTemplates();
        if (templates.isEmpty()) {
            return;
        }
        ContainerResponseWriter writer = request.getResponseWriter();
        if (writer instanceof RecordingResponseWriter) {
            ((RecordingResponseWriter) writer).matched(templates);
            return;
        }
        ServerRecorder recorder = Weft.server();
        for (int i = templates.size() - 1; i > 0; i--) {
            recorder.frameworkParent(templates.get(i).getTemplate());
        }
        recorder.frameworkTemplate(templates.get(0).getTemplate());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) RequestProcessingContext context,
                            @Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            ContainerResponseWriter writer = context.request().getResponseWriter();
            if (writer instanceof RecordingResponseWriter) {
                ((RecordingResponseWriter) writer).thrown(thrown);
            }
        }
    }
}
