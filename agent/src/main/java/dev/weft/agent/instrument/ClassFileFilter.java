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
     * Whether ByteBuddy should see this class. The JDK's classes (no loader) are taken by name only:
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
            if (contains(classFile, text)) {
                // an interface only declares what its implementations do: no module weaves one
                return !isInterface(classFile);
            }
        }
        return false;
    }

    /**
     * Whether the class file declares an interface, from the access flags after its constant pool;
     * false when the bytes cannot be walked (the class is then handed on, as before this check).
     */
    static boolean isInterface(byte[] classFile) {
        try {
            int count = u2(classFile, 8);
            int at = 10;
            for (int i = 1; i < count; i++) {
                int tag = classFile[at] & 0xff;
                switch (tag) {
                    case 1: at += 3 + u2(classFile, at + 1); break;            // Utf8
                    case 3: case 4: at += 5; break;                             // Integer, Float
                    case 5: case 6: at += 9; i++; break;                        // Long, Double: two entries
                    case 7: case 8: case 16: case 19: case 20: at += 3; break;  // Class, String, MethodType, Module, Package
                    case 15: at += 4; break;                                    // MethodHandle
                    case 9: case 10: case 11: case 12: case 17: case 18: at += 5; break; // refs, NameAndType, (Invoke)Dynamic
                    default: return false;
                }
            }
            return (u2(classFile, at) & 0x0200) != 0;
        } catch (ArrayIndexOutOfBoundsException malformed) {
            return false;
        }
    }

    private static int u2(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static boolean contains(byte[] data, byte[] text) {
        int n = text.length;
        if (n == 0) {
            return true;
        }
        byte first = text[0];
        byte last = text[n - 1];
        for (int i = 0, end = data.length - n; i <= end; i++) {
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
