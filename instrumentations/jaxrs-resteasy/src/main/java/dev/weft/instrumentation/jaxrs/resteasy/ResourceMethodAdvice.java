package dev.weft.instrumentation.jaxrs.resteasy;

import dev.weft.bootstrap.Weft;
import net.bytebuddy.asm.Advice;
import org.jboss.resteasy.spi.metadata.ResourceLocator;

/**
 * The matched resource method's path, relative to the locators that led to it, if any; and what it
 * threw, since RESTEasy answers an exception no mapper handles with a 500 itself.
 */
public final class ResourceMethodAdvice {

    private ResourceMethodAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("method") ResourceLocator method) {
        Weft.server().frameworkTemplate(method.getFullpath());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            Weft.server().frameworkError(thrown);
        }
    }
}
