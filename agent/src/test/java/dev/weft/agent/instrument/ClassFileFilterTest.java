package dev.weft.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.instrumentation.api.Candidates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClassFileFilterTest {

    /** Declares a method whose descriptor starts with {@code (Ljava/lang/CharSequence;J}. */
    static final class Declaring {
        void handle(CharSequence text, long limit, Object extra) {}
    }

    /** Declares the method too, as an interface does, with constants of every size before its flags. */
    interface DeclaringInterface {
        long BIG = 1L << 40;
        double RATIO = 0.25;
        String NAME = "interface";

        void handle(CharSequence text, long limit, Object extra);

        default Runnable later() {
            return () -> handle(NAME, BIG + (long) RATIO, null);
        }
    }

    /** Calls the method, declares none: the descriptor is in its constant pool all the same. */
    static final class Calling {
        void use(Declaring target) {
            target.handle("text", 1L, null);
        }
    }

    /** Declares it without a body. */
    abstract static class DeclaringAbstractly {
        abstract void handle(CharSequence text, long limit, Object extra);
    }

    /** Declares it with a body, after fields that carry attributes of their own. */
    abstract static class DeclaringAfterFields {
        static final long LIMIT = 42L;
        @Deprecated static final String NAME = "after";
        private final int[] counts = new int[2];

        abstract int size();

        void handle(CharSequence text, long limit, Object extra) {
            counts[0]++;
        }
    }

    /** Declares nothing of the kind. */
    static final class Plain {
        int size() {
            return 0;
        }
    }

    private static final ClassLoader APP = ClassFileFilterTest.class.getClassLoader();
    private static final String DESCRIPTOR_START = "(Ljava/lang/CharSequence;J";

    private final ClassFileFilter filter = new ClassFileFilter(Arrays.asList(
            Candidates.named("okhttp3.RealCall", "a.Outer$Inner"),
            Candidates.declaring(DESCRIPTOR_START)));

    @Test
    void acceptsAClassWhoseFileDeclaresTheMethod() throws IOException {
        assertTrue(filter.accepts(APP, internalName(Declaring.class), classFile(Declaring.class)));
    }

    @Test
    void leavesOutAnInterfaceThatMentionsIt() throws IOException {
        assertFalse(filter.accepts(APP, internalName(DeclaringInterface.class), classFile(DeclaringInterface.class)));
        byte[][] run = {ascii("()V")};
        assertFalse(ClassFileFilter.declaresConcreteMethod(classFile(Runnable.class), run), "an interface");
        assertTrue(ClassFileFilter.declaresConcreteMethod(classFile(Thread.class), run), "its class declares run()");
        assertTrue(ClassFileFilter.declaresConcreteMethod(new byte[] {(byte) 0xca, (byte) 0xfe}, run), "unreadable: handed on");
    }

    @Test
    void leavesOutClassesThatOnlyCallItOrDeclareItWithoutABody() throws IOException {
        assertFalse(filter.accepts(APP, internalName(Calling.class), classFile(Calling.class)));
        assertFalse(filter.accepts(APP, internalName(DeclaringAbstractly.class), classFile(DeclaringAbstractly.class)));
        assertTrue(filter.accepts(APP, internalName(DeclaringAfterFields.class), classFile(DeclaringAfterFields.class)));
    }

    @Test
    void handsOnAClassFileItCannotWalk() throws IOException {
        byte[][] texts = {ascii(DESCRIPTOR_START)};
        byte[] truncated = Arrays.copyOf(classFile(Calling.class), classFile(Calling.class).length / 2);
        assertTrue(ClassFileFilter.declaresConcreteMethod(truncated, texts));
        assertFalse(ClassFileFilter.declaresConcreteMethod(classFile(Calling.class), texts));
        assertTrue(ClassFileFilter.declaresConcreteMethod(classFile(Declaring.class), texts));
    }

    @Test
    void rejectsAClassWhoseFileDoesNotMentionIt() throws IOException {
        assertFalse(filter.accepts(APP, internalName(Plain.class), classFile(Plain.class)));
    }

    @Test
    void acceptsNamedClassesWhateverTheirBytes() {
        assertTrue(filter.accepts(APP, "okhttp3/RealCall", new byte[0]));
        assertTrue(filter.accepts(null, "a/Outer$Inner", new byte[0]));
        assertTrue(filter.isNamed("okhttp3/RealCall"));
        assertFalse(filter.isNamed("okhttp3/Call"));
    }

    @Test
    void takesJdkClassesByNameOnly() throws IOException {
        // the bootstrap loader's thousands of classes are never scanned
        assertFalse(filter.accepts(null, internalName(Declaring.class), classFile(Declaring.class)));
    }

    @Test
    void rejectsHiddenClassesAndMissingBytes() throws IOException {
        assertFalse(filter.accepts(APP, null, classFile(Declaring.class)));
        assertFalse(filter.accepts(APP, internalName(Declaring.class), null));
    }

    @Test
    void findsTextAtEitherEndOfTheData() {
        byte[] text = ascii("abc");
        assertTrue(contains(ascii("abcxyz"), text));
        assertTrue(contains(ascii("xyzabc"), text));
        assertTrue(contains(ascii("abc"), text));
        assertFalse(contains(ascii("ab"), text));
        assertFalse(contains(ascii("abxc"), text));
        assertFalse(contains(ascii("axc"), text));
        assertTrue(contains(ascii("xax"), ascii("a")));
        assertFalse(ClassFileFilter.contains(ascii("abcxyz"), 1, 6, text), "only within the range");
        assertFalse(ClassFileFilter.contains(ascii("xyzabc"), 0, 5, text), "only within the range");
        assertTrue(ClassFileFilter.contains(ascii("xyzabcxyz"), 3, 6, text));
    }

    @Test
    void candidatesAreKeptInInternalForm() {
        Candidates both = Candidates.named("a.B").or(Candidates.declaring("(La/B;"));
        assertTrue(both.internalNames().contains("a/B"));
        assertArrayEquals(ascii("(La/B;"), both.texts().get(0));
    }

    @Test
    void mentionedTextMustBePlainAscii() {
        assertThrows(IllegalArgumentException.class, () -> Candidates.declaring("(Lcafé;"));
        assertThrows(IllegalArgumentException.class, () -> Candidates.declaring("a\0b"));
    }

    private static boolean contains(byte[] data, byte[] text) {
        return ClassFileFilter.contains(data, 0, data.length, text);
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = (type.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : APP)
                .getResourceAsStream(internalName(type) + ".class")) {
            return in.readAllBytes();
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
