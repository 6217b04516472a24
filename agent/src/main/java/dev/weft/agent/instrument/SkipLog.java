package dev.weft.agent.instrument;

import dev.weft.agent.Log;
import dev.weft.instrumentation.api.ClassLoaders;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts and logs the loaders and classes the modules leave unwoven. A loader that cannot see the
 * bootstrap API means a part of the application runs unmeasured: the first such loader is one
 * warning that says what to do; later ones, which are usually more of the same (one per deployment),
 * go to the debug log and the counters.
 */
final class SkipLog implements ClassLoaders.SkipReporter {

    private final InstrumentationStats stats;
    private final AtomicBoolean warned = new AtomicBoolean();

    SkipLog(InstrumentationStats stats) {
        this.stats = stats;
    }

    @Override
    public void unsupportedLibrary(String message) {
        stats.loaderSkipped(InstrumentationStats.UNSUPPORTED_LIBRARY);
        Log.debug(message);
    }

    @Override
    public void bootstrapNotVisible(String typeName, ClassLoader loader, String reason, boolean firstOfLoader) {
        stats.classSkipped(reason);
        if (!firstOfLoader) {
            Log.debug("left unwoven: " + typeName + " (" + reason + ")");
            return;
        }
        stats.loaderSkipped(reason);
        String message = "class loader " + describe(loader) + " cannot see the agent's dev.weft.bootstrap classes ("
                + reason + "), so " + typeName + " and the library classes it loads after it run unmeasured (counted"
                + " in weft_classes_skipped_total). To measure them, let that loader delegate dev.weft.bootstrap to the"
                + " boot loader (JBoss Modules: -Djboss.modules.system.pkgs=dev.weft.bootstrap; OSGi:"
                + " -Dorg.osgi.framework.bootdelegation=dev.weft.bootstrap.*)";
        if (warned.compareAndSet(false, true)) {
            Log.warn(message);
        } else {
            Log.debug(message);
        }
    }

    /** The loader's type and identity, and a bounded part of its own description (some list every jar). */
    static String describe(ClassLoader loader) {
        String text;
        try {
            text = String.valueOf(loader);
        } catch (RuntimeException e) {
            text = "";
        }
        if (text.length() > 160) {
            text = text.substring(0, 157) + "...";
        }
        String identity = loader.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(loader));
        return text.startsWith(loader.getClass().getName()) ? text : identity + " (" + text + ")";
    }
}
