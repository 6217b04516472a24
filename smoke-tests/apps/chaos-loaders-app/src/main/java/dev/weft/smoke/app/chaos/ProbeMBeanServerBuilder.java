package dev.weft.smoke.app.chaos;

import javax.management.MBeanServerBuilder;

/** Prints the thread that created the platform MBean server's builder; see {@link SingletonsMain}. */
public final class ProbeMBeanServerBuilder extends MBeanServerBuilder {

    public ProbeMBeanServerBuilder() {
        System.out.println("created MBeanServerBuilder on " + Thread.currentThread().getName());
    }
}
