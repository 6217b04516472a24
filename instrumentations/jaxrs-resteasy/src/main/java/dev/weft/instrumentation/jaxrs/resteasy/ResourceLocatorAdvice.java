package dev.weft.instrumentation.jaxrs.resteasy;

import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import org.jboss.resteasy.spi.metadata.ResourceLocator;

/** A sub-resource locator on the way to the resource method: its path is a parent of the route. */
public final class ResourceLocatorAdvice {

    private ResourceLocatorAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("method") ResourceLocator locator) {
        Weft.server().frameworkParent(locator.getFullpath());
    }
}
