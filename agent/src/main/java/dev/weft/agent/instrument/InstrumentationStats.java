package dev.weft.agent.instrument;

import dev.weft.instrumentation.api.ClassLoaders;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the transformer has done so far. It exists before the registry does: the transformer is
 * installed first, in premain, and the registry that exports these counts
 * ({@code weft_instrumented_classes_total}, {@code weft_instrumentation_errors_total},
 * {@code weft_classes_skipped_total}, {@code weft_class_loaders_skipped_total}) is built afterwards
 * on a background thread.
 */
public final class InstrumentationStats {

    /** Why a loader's classes were left unwoven: a library version without what the advice needs. */
    public static final String UNSUPPORTED_LIBRARY = "unsupported_library";

    private final AtomicLong instrumented = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, AtomicLong> classesSkipped = counters(
            ClassLoaders.BOOTSTRAP_NOT_FOUND, ClassLoaders.BOOTSTRAP_OTHER_COPY, ClassLoaders.BOOTSTRAP_LOADER_ERROR);
    private final Map<String, AtomicLong> loadersSkipped = counters(UNSUPPORTED_LIBRARY,
            ClassLoaders.BOOTSTRAP_NOT_FOUND, ClassLoaders.BOOTSTRAP_OTHER_COPY, ClassLoaders.BOOTSTRAP_LOADER_ERROR);

    /** Every reason exists from the start, so a scrape shows 0 rather than nothing. */
    private static Map<String, AtomicLong> counters(String... reasons) {
        Map<String, AtomicLong> counters = new LinkedHashMap<String, AtomicLong>();
        for (String reason : reasons) {
            counters.put(reason, new AtomicLong());
        }
        return Collections.unmodifiableMap(counters);
    }

    void classInstrumented() {
        instrumented.incrementAndGet();
    }

    void instrumentationFailed() {
        failed.incrementAndGet();
    }

    void classSkipped(String reason) {
        classesSkipped.get(reason).incrementAndGet();
    }

    void loaderSkipped(String reason) {
        loadersSkipped.get(reason).incrementAndGet();
    }

    public long instrumentedClasses() {
        return instrumented.get();
    }

    public long failures() {
        return failed.get();
    }

    /** Classes a module matched and left unwoven, by reason; a fixed set of keys. */
    public Map<String, AtomicLong> classesSkipped() {
        return classesSkipped;
    }

    /** Class loaders whose classes were left unwoven, by reason; a fixed set of keys. */
    public Map<String, AtomicLong> loadersSkipped() {
        return loadersSkipped;
    }
}
