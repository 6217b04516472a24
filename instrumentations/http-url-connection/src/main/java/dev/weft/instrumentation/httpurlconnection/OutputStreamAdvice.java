package dev.weft.instrumentation.httpurlconnection;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.ClientRecorder;
import dev.weft.bootstrap.ConnectionStarts;
import dev.weft.bootstrap.Weft;
import java.net.HttpURLConnection;
import java.net.URL;
import net.bytebuddy.asm.Advice;

/**
 * {@code getOutputStream()} called first (a request with a body): as {@link ConnectAdvice}, the
 * request starts here and is recorded when the response is read, or now if connecting fails.
 * A misuse the JDK rejects before any connection ({@code doOutput} false, writing after reading)
 * is not a request and records nothing.
 */
public final class OutputStreamAdvice {

    private OutputStreamAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.This HttpURLConnection connection,
                             @Advice.FieldValue("connected") boolean connected,
                             @Advice.FieldValue("inputStream") Object inputStream,
                             @Advice.FieldValue("rememberedException") Object remembered) {
        if (CallDepth.CLIENT.enter() > 0 || connected || inputStream != null || remembered != null
                || !connection.getDoOutput()) {
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
        String method = connection.getRequestMethod(); // already POST if it was GET: the JDK changes it
        String host = url.getHost();
        int port = url.getPort() != -1 ? url.getPort() : url.getDefaultPort();
        ClientRecorder recorder = Weft.client();
        if (recorder.start(method, host, port) != ClientRecorder.NOT_TIMED) {
            recorder.end(start, method, host, port, ClientRecorder.NO_STATUS, thrown);
        }
    }
}
