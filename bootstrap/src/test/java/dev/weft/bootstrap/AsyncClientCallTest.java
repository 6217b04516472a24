package dev.weft.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncClientCallTest {

    /** What the recorder was told, one entry per end(). */
    private final List<Object[]> ended = new ArrayList<>();

    @BeforeEach
    void install() {
        Weft.installClient(new ClientRecorder() {
            @Override
            public long start(String method, String host, int port) {
                return 1;
            }

            @Override
            public void end(long startNanos, String method, String host, int port, int status, Throwable error) {
                ended.add(new Object[] {startNanos, method, host, port, status, error});
            }
        });
        AsyncClientCall.readStatusWith(response -> ((Response) response).status);
    }

    @AfterEach
    void uninstall() {
        Weft.installClient(ClientRecorder.NOOP);
        AsyncClientCall.readStatusWith(null);
    }

    private static final class Response {
        final int status;

        Response(int status) {
            this.status = status;
        }
    }

    @Test
    void aCompletedFutureRecordsTheStatusTheReaderFinds() {
        CompletableFuture<Response> future = new CompletableFuture<>();
        future.whenComplete(new AsyncClientCall(42L, "GET", "api.example.com", 443));
        assertEquals(0, ended.size(), "nothing before completion");
        future.complete(new Response(503));
        assertEquals(1, ended.size());
        Object[] call = ended.get(0);
        assertEquals(42L, call[0]);
        assertEquals("GET", call[1]);
        assertEquals("api.example.com", call[2]);
        assertEquals(443, call[3]);
        assertEquals(503, call[4]);
        assertNull(call[5]);
    }

    @Test
    void aFailureIsUnwrappedFromCompletionExceptionAndHasNoStatus() {
        ConnectException refused = new ConnectException("refused");
        CompletableFuture<Response> future = new CompletableFuture<>();
        // a dependent stage sees the failure wrapped, as the JDK's own futures pass it on
        future.thenApply(r -> r).whenComplete(new AsyncClientCall(1L, "POST", "h", 80));
        future.completeExceptionally(refused);
        assertEquals(ClientRecorder.NO_STATUS, ended.get(0)[4]);
        assertSame(refused, ended.get(0)[5]);
    }

    @Test
    void aCancelledFutureRecordsTheCancellation() {
        CompletableFuture<Response> future = new CompletableFuture<>();
        future.whenComplete(new AsyncClientCall(1L, "GET", "h", 80));
        future.cancel(true);
        assertEquals(CancellationException.class, ended.get(0)[5].getClass());
    }

    @Test
    void aFailingStatusReaderNeverReachesTheFuturesThread() {
        AsyncClientCall.readStatusWith(response -> {
            throw new IllegalStateException("broken reader");
        });
        long before = Weft.adviceErrorCount();
        new AsyncClientCall(1L, "GET", "h", 80).accept(new Response(200), null);
        assertEquals(before + 1, Weft.adviceErrorCount());
        assertEquals(0, ended.size());
    }

    @Test
    void wrappedCausesAreUnwrappedToTheFirstOtherException() {
        IOException reset = new IOException("reset");
        new AsyncClientCall(1L, "GET", "h", 80).accept(null, new CompletionException(new CompletionException(reset)));
        assertSame(reset, ended.get(0)[5]);
    }
}
