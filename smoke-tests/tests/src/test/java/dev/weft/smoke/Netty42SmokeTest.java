package dev.weft.smoke;

/** The hand-written Netty server on Netty 4.2. */
class Netty42SmokeTest extends NettySmokeTest {
    @Override
    String appModule() {
        return "netty-app";
    }
}
