package dev.weft.agent.instrument;

import dev.weft.instrumentation.api.Candidates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The candidates of all installed modules, checked against a class as it loads: a set lookup on
 * its name, then, for classes of application loaders, a scan of its bytes for the texts some
 * module looks for. Both cost far less than the parse they spare.
 */
final class ClassFileFilter {

    private final Set<String> internalNames = new HashSet<String>();
    private final byte[][] texts;
    private final UncoveredStacks uncovered;

    ClassFileFilter(List<Candidates> candidates) {
        this(candidates, null);
    }

    /** With {@code uncovered}, loaded classes of stacks no module measures are also reported. */
    ClassFileFilter(List<Candidates> candidates, UncoveredStacks uncovered) {
        this.uncovered = uncovered;
        List<byte[]> all = new ArrayList<byte[]>();
        for (Candidates c : candidates) {
            internalNames.addAll(c.internalNames());
            all.addAll(c.texts());
        }
        texts = all.toArray(new byte[0][]);
    }

    /** Whether a module names this class. */
    boolean isNamed(String internalName) {
        return internalNames.contains(internalName);
    }

    /**
     * Whether the weaver should see this class. The JDK's classes (no loader) are taken by name only:
     * every woven JDK class is named, and the JDK loads thousands of others.
     */
    boolean accepts(ClassLoader loader, String internalName, byte[] classFile) {
        if (internalName == null) {
            return false; // hidden classes and lambdas: nothing any module weaves
        }
        if (uncovered != null) {
            uncovered.loaded(loader, internalName);
        }
        if (internalNames.contains(internalName)) {
            return true;
        }
        if (loader == null || classFile == null) {
            return false;
        }
        for (byte[] text : texts) {
            if (contains(classFile, 0, classFile.length, text)) {
                // the text may be there for a call rather than a declaration: read the method table
                return declaresConcreteMethod(classFile, texts);
            }
        }
        return false;
    }

    private static final int ACC_INTERFACE = 0x0200;
    private static final int ACC_ABSTRACT = 0x0400;

    /**
     * Whether the class file declares a method with a body whose descriptor holds one of the texts;
     * false for an interface, which only declares what its implementations do (no module weaves
     * one). Read from the constant pool and the method table, nothing of the code; true when the
     * bytes cannot be walked (the class is then handed on to the weaver, as before this check).
     */
    static boolean declaresConcreteMethod(byte[] classFile, byte[][] texts) {
        try {
            int[] utf8At = new int[u2(classFile, 8)];
            int at = constantPoolEnd(classFile, utf8At);
            if (at < 0) {
                return true;
            }
            if ((u2(classFile, at) & ACC_INTERFACE) != 0) {
                return false;
            }
            at += 6; // access flags, this class, super class
            at += 2 + 2 * u2(classFile, at); // interfaces
            int fields = u2(classFile, at);
            at += 2;
            for (int i = 0; i < fields; i++) {
                at = memberEnd(classFile, at);
            }
            int methods = u2(classFile, at);
            at += 2;
            for (int i = 0; i < methods; i++) {
                int access = u2(classFile, at);
                int descriptor = utf8At[u2(classFile, at + 4)];
                if ((access & ACC_ABSTRACT) == 0 && descriptor > 0) {
                    int length = u2(classFile, descriptor + 1);
                    for (byte[] text : texts) {
                        if (contains(classFile, descriptor + 3, descriptor + 3 + length, text)) {
                            return true;
                        }
                    }
                }
                at = memberEnd(classFile, at);
            }
            return false;
        } catch (ArrayIndexOutOfBoundsException malformed) {
            return true;
        }
    }

    /**
     * The offset just after the constant pool, or -1 at a tag this walk does not know; notes in
     * {@code utf8At} where each Utf8 entry starts, by its index.
     */
    private static int constantPoolEnd(byte[] classFile, int[] utf8At) {
        int count = u2(classFile, 8);
        int at = 10;
        for (int i = 1; i < count; i++) {
            int tag = classFile[at] & 0xff;
            switch (tag) {
                case 1:                                                     // Utf8
                    utf8At[i] = at;
                    at += 3 + u2(classFile, at + 1);
                    break;
                case 3: case 4: at += 5; break;                             // Integer, Float
                case 5: case 6: at += 9; i++; break;                        // Long, Double: two entries
                case 7: case 8: case 16: case 19: case 20: at += 3; break;  // Class, String, MethodType, Module, Package
                case 15: at += 4; break;                                    // MethodHandle
                case 9: case 10: case 11: case 12: case 17: case 18: at += 5; break; // refs, NameAndType, (Invoke)Dynamic
                default: return -1;
            }
        }
        return at;
    }

    /** The offset just after the field or method that starts at {@code at}, its attributes skipped. */
    private static int memberEnd(byte[] classFile, int at) {
        int attributes = u2(classFile, at + 6);
        at += 8;
        for (int i = 0; i < attributes; i++) {
            at += 6 + u4(classFile, at + 2);
        }
        return at;
    }

    private static int u2(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int u4(byte[] b, int at) {
        return u2(b, at) << 16 | u2(b, at + 2);
    }

    /** Whether {@code data[from, to)} holds the text. */
    static boolean contains(byte[] data, int from, int to, byte[] text) {
        int n = text.length;
        if (n == 0) {
            return true;
        }
        byte first = text[0];
        byte last = text[n - 1];
        for (int i = from, end = to - n; i <= end; i++) {
            if (data[i] == first && data[i + n - 1] == last && regionMatches(data, i, text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionMatches(byte[] data, int offset, byte[] text) {
        for (int j = 1; j < text.length - 1; j++) {
            if (data[offset + j] != text[j]) {
                return false;
            }
        }
        return true;
    }
}
