package dev.weft.agent.instrument;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * Keeps the type descriptions ByteBuddy parses while matching, per class loader, so that a
 * supertype shared by many classes (HttpServlet, a framework base class) is read once rather than
 * once per subclass loaded. Without it, matching {@code hasSuperType} re-reads the whole hierarchy
 * of every class a servlet-capable loader defines.
 *
 * <p>Caches hang off weak keys, and the descriptions in them reach their loader only through the
 * weak class-file locator {@link Instrumenter} configures (a cached description points to the type
 * pool that parsed it, and that pool to its locator): an undeployed webapp's loader and its
 * descriptions can go.
 */
final class TypePoolCache extends AgentBuilder.PoolStrategy.WithTypePoolCache {

    private final Map<ClassLoader, TypePool.CacheProvider> byLoader = new WeakHashMap<ClassLoader, TypePool.CacheProvider>();
    private final TypePool.CacheProvider bootstrap = new TypePool.CacheProvider.Simple();

    TypePoolCache() {
        super(TypePool.Default.ReaderMode.FAST);
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader loader) {
        if (loader == null) {
            return bootstrap;
        }
        synchronized (byLoader) {
            TypePool.CacheProvider cache = byLoader.get(loader);
            if (cache == null) {
                cache = new TypePool.CacheProvider.Simple();
                byLoader.put(loader, cache);
            }
            return cache;
        }
    }
}
