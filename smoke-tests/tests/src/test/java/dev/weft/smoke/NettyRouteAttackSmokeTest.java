package dev.weft.smoke;

/**
 * The route attack against the hand-written Netty server (Netty 4.2), whose {@code /app/} answers any
 * path: without a framework the path heuristic names every route, and stays bounded.
 */
class NettyRouteAttackSmokeTest extends RouteAttackSmokeTest {
    @Override
    String app() {
        return "netty-app";
    }

    @Override
    String mainClass() {
        return NettySmokeTest.MAIN;
    }

    @Override
    String[] catchAllPrefixes() {
        return new String[] {"/app/"};
    }

    @Override
    String[] mappedRouteAndPrefix() {
        return new String[] {"/orders/{id}", "/orders/"};
    }
}
