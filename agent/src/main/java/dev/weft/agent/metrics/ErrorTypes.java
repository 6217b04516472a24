package dev.weft.agent.metrics;

/**
 * The {@code error_type} of an exception that escaped the application: its class name, after
 * unwrapping the exceptions containers and frameworks wrap it in on its way out. A JAX-RS resource
 * that throws {@code IllegalStateException} under Jersey reaches the servlet as a
 * {@code ServletException} around a {@code MappableException}; the useful answer is the
 * application's {@code IllegalStateException}.
 */
final class ErrorTypes {

    private static final int MAX_UNWRAP = 8;

    private ErrorTypes() {}

    static String of(Throwable error) {
        Throwable t = error;
        for (int i = 0; i < MAX_UNWRAP && t.getCause() != null && t.getCause() != t && isWrapper(t); i++) {
            t = t.getCause();
        }
        return t.getClass().getName();
    }

    private static boolean isWrapper(Throwable t) {
        switch (t.getClass().getName()) {
            case "javax.servlet.ServletException":
            case "jakarta.servlet.ServletException":
            case "org.glassfish.jersey.server.ContainerException":
            case "org.glassfish.jersey.server.internal.process.MappableException":
            case "javax.ws.rs.ProcessingException":
            case "jakarta.ws.rs.ProcessingException":
            case "org.jboss.resteasy.spi.UnhandledException":
            case "org.jboss.resteasy.spi.ApplicationException":
            case "java.lang.reflect.InvocationTargetException":
            case "java.util.concurrent.CompletionException":
            case "java.util.concurrent.ExecutionException":
            // Micronaut's client reports a failed connection as this, exactly, around Netty's exception
            case "io.micronaut.http.client.exceptions.HttpClientException":
                return true;
            default:
                return false;
        }
    }
}
