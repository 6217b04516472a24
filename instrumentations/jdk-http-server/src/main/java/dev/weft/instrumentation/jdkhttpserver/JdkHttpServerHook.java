package dev.weft.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.HttpExchange;
import dev.weft.bootstrap.ExchangeHook;
import dev.weft.bootstrap.OuterRequest;
import dev.weft.bootstrap.Weft;

/**
 * Starts a {@link JdkExchange} at the outermost filter-chain call of a thread and ends it if the
 * chain throws. Loaded by the agent's class loader; never throws into the server.
 */
final class JdkHttpServerHook extends ExchangeHook {

    @Override
    public Object enter(Object exchange) {
        try {
            // the server's second chain (its own filters, then the handler) runs inside the first
            if (OuterRequest.current() instanceof JdkExchange || !(exchange instanceof HttpExchange)) {
                return OuterRequest.NOT_ENTERED;
            }
            JdkExchange observed = JdkExchange.start((HttpExchange) exchange);
            return observed == null ? OuterRequest.NOT_ENTERED : OuterRequest.enter(observed);
        } catch (Throwable t) {
            Weft.adviceError(t);
            return OuterRequest.NOT_ENTERED;
        }
    }

    @Override
    public void exit(Object token, Throwable thrown) {
        if (token == OuterRequest.NOT_ENTERED) {
            return;
        }
        try {
            OuterRequest current = OuterRequest.current();
            if (thrown != null && current instanceof JdkExchange) {
                ((JdkExchange) current).threw(thrown);
            }
        } catch (Throwable t) {
            Weft.adviceError(t);
        } finally {
            OuterRequest.exit(token);
        }
    }
}
