package dev.weft.build.sample.lib;

/** Instantiated by the root: its greet() runs; its unused method is verified, never run. */
public class Polite implements Greeter {

    @Override
    public String greet() {
        return "good day";
    }

    /** Never called, but its class is linked: the verifier may load Mentioned, not what Mentioned uses. */
    public Object unused() {
        return new Mentioned().use();
    }
}
