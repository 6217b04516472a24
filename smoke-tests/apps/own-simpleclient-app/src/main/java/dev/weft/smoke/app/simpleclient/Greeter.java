package dev.weft.smoke.app.simpleclient;

/** A plain class the app subclasses at run time with its own ByteBuddy. */
public class Greeter {
    public String greet(String who) {
        return "hello " + who;
    }
}
