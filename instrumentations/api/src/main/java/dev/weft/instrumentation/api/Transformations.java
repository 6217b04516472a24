package dev.weft.instrumentation.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The transformations modules record: each chooses classes ({@link #type}), may add a test of the
 * class in its loader ({@link #and}), and names what to do to them ({@link #transform}), in the
 * order recorded. A class gets the transformers of every transformation that matches it.
 *
 * <pre>{@code
 * return builder
 *         .type(named("com.example.Server"), ClassLoaders.canSee("com.example.Server"))
 *         .and(ClassLoaders.seesBootstrapApi())
 *         .transform(advices.forModule(this).advice(named("handle"), PACKAGE + "HandleAdvice"));
 * }</pre>
 */
public final class Transformations {

    private final List<Transformation> recorded = new ArrayList<Transformation>();

    /** Starts a transformation of the classes {@code types} accepts, in any loader. */
    public Transformations type(Matcher<? super TypeView> types) {
        return type(types, Matchers.<ClassLoader>any());
    }

    /**
     * Starts a transformation of the classes {@code types} accepts, defined by a loader
     * {@code loaders} accepts. The class is asked first: most type matchers compare names, while a
     * loader matcher's first answer for a loader looks a resource up in it, which costs a search
     * of every module of the JDK before the class path (cached per loader afterwards).
     */
    public Transformations type(Matcher<? super TypeView> types, Matcher<? super ClassLoader> loaders) {
        recorded.add(new Transformation(types, loaders));
        return this;
    }

    /** Adds a test of the class in its loader to the transformation begun last, asked after its matchers. */
    public Transformations and(TypeInLoaderMatcher check) {
        last().checks.add(check);
        return this;
    }

    /** Adds a transformer to the transformation begun last; they apply in the order added. */
    public Transformations transform(Transformer transformer) {
        last().transformers.add(transformer);
        return this;
    }

    /** What was recorded, in order. */
    public List<Transformation> recorded() {
        return Collections.unmodifiableList(recorded);
    }

    private Transformation last() {
        if (recorded.isEmpty()) {
            throw new IllegalStateException("type(...) comes first");
        }
        return recorded.get(recorded.size() - 1);
    }

    /** One {@code type(...)} with its test and transformers. */
    public static final class Transformation {
        private final Matcher<? super TypeView> types;
        private final Matcher<? super ClassLoader> loaders;
        private final List<TypeInLoaderMatcher> checks = new ArrayList<TypeInLoaderMatcher>(1);
        private final List<Transformer> transformers = new ArrayList<Transformer>(2);

        Transformation(Matcher<? super TypeView> types, Matcher<? super ClassLoader> loaders) {
            this.types = types;
            this.loaders = loaders;
        }

        /** Whether this transformation applies to {@code type}, defined by {@code loader} (null: bootstrap). */
        public boolean matches(TypeView type, ClassLoader loader) {
            if (!types.matches(type) || !loaders.matches(loader)) {
                return false;
            }
            for (TypeInLoaderMatcher check : checks) {
                if (!check.matches(type, loader)) {
                    return false;
                }
            }
            return true;
        }

        public List<Transformer> transformers() {
            return Collections.unmodifiableList(transformers);
        }

        @Override
        public String toString() {
            return "type(" + types + ", " + loaders + ")";
        }
    }
}
