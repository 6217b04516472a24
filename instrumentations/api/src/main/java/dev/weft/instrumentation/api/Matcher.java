package dev.weft.instrumentation.api;

/**
 * A test of one element a module's transformation looks at: a class, a method, a field, a type
 * named in a signature, or a class loader. Combined with {@link #and} and {@link #or}; made by
 * {@link Matchers}.
 */
@FunctionalInterface
public interface Matcher<T> {

    boolean matches(T target);

    /** Both this and {@code other}; {@code other} is not asked when this one says no. */
    default <U extends T> Matcher<U> and(Matcher<? super U> other) {
        Matcher<T> self = this;
        return new Matchers.Described<U>(target -> self.matches(target) && other.matches(target),
                "(" + this + " and " + other + ")");
    }

    /** This or {@code other}; {@code other} is not asked when this one says yes. */
    default <U extends T> Matcher<U> or(Matcher<? super U> other) {
        Matcher<T> self = this;
        return new Matchers.Described<U>(target -> self.matches(target) || other.matches(target),
                "(" + this + " or " + other + ")");
    }
}
