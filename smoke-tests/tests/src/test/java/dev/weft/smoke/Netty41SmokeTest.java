package dev.weft.smoke;

/** The hand-written Netty server on Netty 4.1. */
class Netty41SmokeTest extends NettySmokeTest {
    @Override
    String appModule() {
        return "netty41-app";
    }
}
