package dev.weft.instrumentation.httpurlconnection;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.ConnectionStarts;
import dev.weft.bootstrap.Weft;
import java.net.HttpURLConnection;
import java.net.URL;
import net.bytebuddy.asm.Advice;

/**
 * {@code getInputStream()}, through which every way of reading the response passes: its first
 * completion records the request. Later calls find the response stream or the failure the JDK
 * remembers and record nothing; the nested calls the JDK makes itself (its own
 * {@code getResponseCode()}, {@code connect()} per redirect) are inside the outermost call.
 *
 * <p>The status is the final one, after the redirects the JDK followed. An exception with a status
 * of 400 or more (the JDK throws {@code FileNotFoundException} for a 404) records the status; any
 * other exception records its class and no status. Method, host and port are those the request
 * started with, read on enter: a redirect changes the connection's URL.
 */
public final class InputStreamAdvice {

    private InputStreamAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.This HttpURLConnection connection,
                             @Advice.FieldValue("connected") boolean connected,
                             @Advice.FieldValue("inputStream") Object inputStream,
                             @Advice.FieldValue("rememberedException") Object remembered,
                             @Advice.Local("method") String method,
                             @Advice.Local("host") String host,
                             @Advice.Local("port") int port) {
        if (CallDepth.CLIENT.enter() > 0 || inputStream != null || remembered != null || !connection.getDoInput()) {
            return ClientRecorder.NOT_TIMED;
        }
        URL url = connection.getURL();
        method = connection.getRequestMethod();
        host = url.getHost();
        port = url.getPort() != -1 ? url.getPort() : url.getDefaultPort();
        // only connect() and getOutputStream() leave a start behind, and they leave the connection connected
        long began = connected ? ConnectionStarts.remove(connection) : ConnectionStarts.NONE;
        long start = Weft.client().start(method, host, port);
        return start == ClientRecorder.NOT_TIMED || began == ConnectionStarts.NONE ? start : began;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @Advice.FieldValue("responseCode") int responseCode,
                            @Advice.Thrown Throwable thrown,
                            @Advice.Local("method") String method,
                            @Advice.Local("host") String host,
                            @Advice.Local("port") int port) {
        CallDepth.CLIENT.exit();
        if (start == ClientRecorder.NOT_TIMED) {
            return;
        }
        int status = responseCode >= 100 && (thrown == null || responseCode >= 400)
                ? responseCode : ClientRecorder.NO_STATUS;
        Weft.client().end(start, method, host, port, status, thrown);
    }
}
