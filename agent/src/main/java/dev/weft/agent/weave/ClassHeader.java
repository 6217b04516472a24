package dev.weft.agent.weave;

import dev.weft.instrumentation.api.FieldView;
import dev.weft.instrumentation.api.MethodView;
import dev.weft.instrumentation.api.TypeView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * A class as its class file declares it, for the modules' matchers: the header (access, name,
 * supertypes) is read at once, the field and method tables when first asked; no code is read and no
 * class is loaded. Supertypes come from {@link ClassHeaders}, which finds their class files through
 * the same class loader.
 */
public final class ClassHeader implements TypeView {

    /** ASM adds flags of its own above these (deprecated, record), which no class file holds. */
    private static final int CLASS_FILE_FLAGS = 0xffff;

    private final ClassReader reader;
    private final ClassHeaders supertypes;
    private final String name;
    private final int access;
    private volatile Members members;

    private ClassHeader(ClassReader reader, ClassHeaders supertypes) {
        this.reader = reader;
        this.supertypes = supertypes;
        this.name = reader.getClassName().replace('/', '.');
        this.access = reader.getAccess() & CLASS_FILE_FLAGS;
    }

    /**
     * The class of this class file, whose supertypes {@code supertypes} finds.
     *
     * @throws IllegalArgumentException when the bytes are not a class file ASM can read
     */
    public static ClassHeader read(byte[] classFile, ClassHeaders supertypes) {
        return new ClassHeader(new ClassReader(classFile), supertypes);
    }

    @Override
    public String name() {
        return name;
    }

    /** The name with slashes, as in class files. */
    public String internalName() {
        return reader.getClassName();
    }

    @Override
    public int modifiers() {
        return access;
    }

    @Override
    public TypeView superClass() {
        String superName = reader.getSuperName();
        return superName == null ? null : supertypes.find(superName);
    }

    @Override
    public List<TypeView> interfaces() {
        String[] names = reader.getInterfaces();
        if (names.length == 0) {
            return Collections.emptyList();
        }
        List<TypeView> interfaces = new ArrayList<TypeView>(names.length);
        for (String interfaceName : names) {
            interfaces.add(supertypes.find(interfaceName));
        }
        return interfaces;
    }

    @Override
    public List<MethodView> declaredMethods() {
        return members().methods;
    }

    @Override
    public List<FieldView> declaredFields() {
        return members().fields;
    }

    private Members members() {
        Members read = members;
        if (read == null) {
            read = new Members();
            reader.accept(read, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            members = read;
        }
        return read;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The field and method tables. */
    private static final class Members extends ClassVisitor {
        final List<MethodView> methods = new ArrayList<MethodView>();
        final List<FieldView> fields = new ArrayList<FieldView>();

        Members() {
            super(Opcodes.ASM9);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            fields.add(new Field(access & CLASS_FILE_FLAGS, name, descriptor));
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            methods.add(new Method(access & CLASS_FILE_FLAGS, name, descriptor));
            return null;
        }
    }

    /** What fields and methods have alike: access flags, a name and a descriptor. */
    private abstract static class Member {
        private final int access;
        private final String name;
        private final String descriptor;

        Member(int access, String name, String descriptor) {
            this.access = access;
            this.name = name;
            this.descriptor = descriptor;
        }

        public String name() {
            return name;
        }

        public int modifiers() {
            return access;
        }

        public String descriptor() {
            return descriptor;
        }
    }

    private static final class Field extends Member implements FieldView {
        Field(int access, String name, String descriptor) {
            super(access, name, descriptor);
        }
    }

    private static final class Method extends Member implements MethodView {
        private List<String> parameters;

        Method(int access, String name, String descriptor) {
            super(access, name, descriptor);
        }

        @Override
        public List<String> parameterTypeNames() {
            List<String> names = parameters;
            if (names == null) {
                Type[] arguments = Type.getArgumentTypes(descriptor());
                names = new ArrayList<String>(arguments.length);
                for (Type argument : arguments) {
                    names.add(nameOf(argument));
                }
                parameters = names;
            }
            return names;
        }

        @Override
        public String returnTypeName() {
            return nameOf(Type.getReturnType(descriptor()));
        }

        @Override
        public String toString() {
            return name() + descriptor();
        }
    }

    /** A type's name as {@link Class#getName()} gives it: ASM names arrays as source does ({@code int[]}). */
    private static String nameOf(Type type) {
        return type.getSort() == Type.ARRAY ? type.getDescriptor().replace('/', '.') : type.getClassName();
    }
}
