package dev.weft.build.sample.app;

import dev.weft.build.sample.lib.Greeter;
import dev.weft.build.sample.lib.Helper;
import dev.weft.build.sample.lib.Polite;

/** The root of the sample: what it calls, names and instantiates is what must stay. */
public final class App {

    public static void main(String[] args) throws Exception {
        Greeter greeter = new Polite();
        System.out.println(greeter.greet());
        Class.forName("dev.weft.build.sample.lib.ByName");
        System.out.println(Helper.make());
    }
}
