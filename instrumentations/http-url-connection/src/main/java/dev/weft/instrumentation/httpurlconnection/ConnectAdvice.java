package dev.weft.instrumentation.httpurlconnection;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.ConnectionStarts;
import dev.weft.bootstrap.Weft;
import java.net.HttpURLConnection;
import java.net.URL;
import net.bytebuddy.asm.Advice;

/**
 * {@code connect()} called by the application before anything else: the request starts here. The
 * start is kept per connection for {@link InputStreamAdvice}, which records once the response is
 * read; the active-requests gauge counts the request from then, so a connection opened and never
 * read leaves nothing behind. A failure to connect records the call at once, without a status.
 */
public final class ConnectAdvice {

    private ConnectAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.This HttpURLConnection connection,
                             @Advice.FieldValue("connected") boolean connected) {
        if (CallDepth.CLIENT.enter() > 0 || connected) {
            return ConnectionStarts.NONE;
        }
        long start = System.nanoTime();
        ConnectionStarts.put(connection, start);
        return start;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This HttpURLConnection connection,
                            @Advice.Enter long start,
                            @Advice.Thrown Throwable thrown) {
        CallDepth.CLIENT.exit();
        if (start == ConnectionStarts.NONE || thrown == null) {
            return;
        }
        ConnectionStarts.remove(connection);
        URL url = connection.getURL();
        String method = connection.getRequestMethod();
        String host = url.getHost();
        int port = url.getPort() != -1 ? url.getPort() : url.getDefaultPort();
        ClientRecorder recorder = Weft.client();
        if (recorder.start(method, host, port) != ClientRecorder.NOT_TIMED) {
            recorder.end(start, method, host, port, ClientRecorder.NO_STATUS, thrown);
        }
    }
}
