package dev.weft.smoke.client;

/**
 * OkHttp 3.x ({@code okhttp3.RealCall}), 4.x and 5.x ({@code okhttp3.internal.connection.RealCall}),
 * synchronous {@code execute()} and asynchronous {@code enqueue(Callback)}: the same app code, built
 * against each version. OkHttp follows the 302 inside the call and throws the exceptions
 * {@link ClientSmokeTest} expects by default.
 */
abstract class OkHttpSmokeTest extends ClientSmokeTest {
}
