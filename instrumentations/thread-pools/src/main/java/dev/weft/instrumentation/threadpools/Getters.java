package dev.weft.instrumentation.threadpools;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls a server's public no-argument getters by name, on objects of classes the agent's loader
 * cannot name (they belong to the application's loaders):
 *
 * <pre>{@code
 * long busy = Getters.number(endpoint, "getCurrentThreadsBusy");   // -1 when there is no such getter
 * }</pre>
 *
 * <p>A getter is looked up once per class and kept in a {@link ClassValue}, which stores it with the
 * class itself: nothing here keeps an application's class (or its loader) alive. The method called is
 * the one a public type declares (a public interface, for an object of an anonymous class such as
 * XNIO's worker bean), so no access check is bypassed.
 */
final class Getters {

    private static final Method MISSING = missingMarker();

    private static final ClassValue<ConcurrentHashMap<String, Method>> METHODS =
            new ClassValue<ConcurrentHashMap<String, Method>>() {
                @Override
                protected ConcurrentHashMap<String, Method> computeValue(Class<?> type) {
                    return new ConcurrentHashMap<String, Method>();
                }
            };

    private Getters() {}

    /** The result of {@code target.name()}, or null when its class has no such public getter. */
    static Object get(Object target, String name) throws Exception {
        if (target == null) {
            return null;
        }
        Method method = method(target.getClass(), name);
        return method == null ? null : method.invoke(target);
    }

    /** A getter's value as a number, or -1 when it is missing, not a number, or negative. */
    static long number(Object target, String name) throws Exception {
        Object value = get(target, name);
        if (!(value instanceof Number)) {
            return -1;
        }
        long n = ((Number) value).longValue();
        return n < 0 ? -1 : n;
    }

    /** The public getter {@code name} of {@code type}, declared by a public type; null when there is none. */
    static Method method(Class<?> type, String name) {
        ConcurrentHashMap<String, Method> known = METHODS.get(type);
        Method method = known.get(name);
        if (method == null) {
            method = find(type, name);
            known.put(name, method == null ? MISSING : method);
        }
        return method == MISSING ? null : method;
    }

    private static Method find(Class<?> type, String name) {
        Deque<Class<?>> types = new ArrayDeque<Class<?>>();
        Set<Class<?>> seen = new HashSet<Class<?>>();
        types.add(type);
        while (!types.isEmpty()) {
            Class<?> t = types.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (Modifier.isPublic(t.getModifiers())) {
                try {
                    Method m = t.getMethod(name);
                    if (Modifier.isPublic(m.getDeclaringClass().getModifiers()) && m.getReturnType() != void.class) {
                        return m;
                    }
                } catch (NoSuchMethodException e) {
                    continue; // nor do its supertypes have it
                }
            }
            if (t.getSuperclass() != null) {
                types.add(t.getSuperclass());
            }
            for (Class<?> i : t.getInterfaces()) {
                types.add(i);
            }
        }
        return null;
    }

    private static Method missingMarker() {
        try {
            return Getters.class.getDeclaredMethod("missingMarker");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
