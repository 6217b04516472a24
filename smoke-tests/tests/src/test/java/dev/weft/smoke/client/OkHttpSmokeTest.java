package dev.weft.smoke.client;

/**
 * OkHttp 3.x ({@code okhttp3.RealCall}), 4.x and 5.x ({@code okhttp3.internal.connection.RealCall}),
 * synchronous {@code execute()} and asynchronous {@code enqueue(Callback)}: the same app code, built
 * against each version. OkHttp follows the 302 inside the call.
 */
abstract class OkHttpSmokeTest extends ClientSmokeTest {

    @Override
    protected String timeoutError() {
        return "java.net.SocketTimeoutException";
    }

    @Override
    protected String resetError() {
        return "java.net.SocketException";
    }

    @Override
    protected String refusedError() {
        return "java.net.ConnectException";
    }

    @Override
    protected boolean followsRedirects() {
        return true;
    }
}
