package dev.weft.build.sample.lib;

public interface Greeter {
    String greet();
}
