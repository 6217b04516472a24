package dev.weft.instrumentation.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes a module may weave, told from the loading class's name or raw class-file bytes
 * before anything is parsed.
 *
 * <p>Every class an application loads passes the agent's transformer; parsing each one to run the
 * type matchers made up most of the agent's startup cost (the parsing code was hot enough to keep
 * the JIT busy too). The agent parses and matches only the candidates of some installed module, so a
 * candidate set must include every class the module's type matchers accept; a class it lets through
 * needlessly costs only a parse.
 */
public final class Candidates {

    private final Set<String> internalNames;
    private final List<byte[]> texts;

    private Candidates(Set<String> internalNames, List<byte[]> texts) {
        this.internalNames = internalNames;
        this.texts = texts;
    }

    /** Exactly these classes, by binary name ({@code okhttp3.RealCall}, {@code a.Outer$Inner}). */
    public static Candidates named(String... classNames) {
        Set<String> names = new LinkedHashSet<String>();
        for (String name : classNames) {
            names.add(name.replace('.', '/'));
        }
        return new Candidates(Collections.unmodifiableSet(names), Collections.<byte[]>emptyList());
    }

    /**
     * Classes that declare a method with a body whose descriptor holds one of these ASCII texts, for
     * matchers that accept classes of any name:
     * {@code "(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;"} finds every class
     * declaring {@code service(ServletRequest, ServletResponse)} or
     * {@code doFilter(ServletRequest, ServletResponse, FilterChain)}. The agent scans the class
     * file's bytes for the texts, then reads its method table only where one occurs: classes that
     * merely call such a method (a servlet container calls {@code service} from many places),
     * abstract declarations and interfaces are left out; no module weaves them.
     */
    public static Candidates declaring(String... texts) {
        List<byte[]> bytes = new ArrayList<byte[]>();
        for (String text : texts) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == 0 || text.charAt(i) > 0x7f) {
                    // the class file's modified UTF-8 would not hold these bytes as written
                    throw new IllegalArgumentException("not plain ASCII: " + text);
                }
            }
            bytes.add(text.getBytes(StandardCharsets.US_ASCII));
        }
        return new Candidates(Collections.<String>emptySet(), Collections.unmodifiableList(bytes));
    }

    /** Both sets of classes. */
    public Candidates or(Candidates other) {
        Set<String> names = new LinkedHashSet<String>(internalNames);
        names.addAll(other.internalNames);
        List<byte[]> all = new ArrayList<byte[]>(texts);
        all.addAll(other.texts);
        return new Candidates(Collections.unmodifiableSet(names), Collections.unmodifiableList(all));
    }

    /** Class names in internal form ({@code okhttp3/RealCall}). */
    public Set<String> internalNames() {
        return internalNames;
    }

    /** The texts of {@link #declaring}, as the bytes to look for. */
    public List<byte[]> texts() {
        return texts;
    }

    @Override
    public String toString() {
        List<String> shown = new ArrayList<String>(internalNames);
        for (byte[] text : texts) {
            shown.add("declaring " + new String(text, StandardCharsets.US_ASCII));
        }
        return Arrays.toString(shown.toArray());
    }
}
