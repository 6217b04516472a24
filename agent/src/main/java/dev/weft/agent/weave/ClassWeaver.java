package dev.weft.agent.weave;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Weaves advice into the chosen methods of one class file. The class keeps its shape (no field or
 * method is added), so the result may also redefine a loaded class. Frames are written, never
 * computed: computing them would load classes to find common superclasses.
 */
final class ClassWeaver {

    /** Which methods an advice pair goes into. */
    interface MethodChoice {
        boolean chooses(int access, String name, String descriptor);
    }

    /** An enter and an exit advice (either may be null) and the methods they go into. */
    static final class Weaving {
        final MethodChoice methods;
        final AdviceMethod enter;
        final AdviceMethod exit;

        /** The advice of one class file into the chosen methods. */
        static Weaving of(MethodChoice methods, byte[] adviceClassFile) {
            AdviceMethod[] read = AdviceMethod.read(adviceClassFile);
            return new Weaving(methods, read[0], read[1]);
        }

        Weaving(MethodChoice methods, AdviceMethod enter, AdviceMethod exit) {
            this.methods = methods;
            this.enter = enter;
            this.exit = exit;
        }
    }

    private ClassWeaver() {}

    /**
     * The woven class file, or null when no method was chosen. {@code inherited} answers for fields
     * the class does not declare itself (null: none).
     */
    static byte[] weave(byte[] classFile, List<Weaving> weavings, final FieldTypes inherited) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        final Map<String, FieldTypes.Field> declared = new HashMap<String, FieldTypes.Field>();
        final FieldTypes fields = name -> {
            FieldTypes.Field field = declared.get(name);
            return field != null || inherited == null ? field : inherited.find(name);
        };
        final int[] woven = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private int version;
            private String owner;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                this.version = version;
                this.owner = name;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                declared.put(name, new FieldTypes.Field(descriptor, (access & Opcodes.ACC_STATIC) != 0));
                return super.visitField(access, name, descriptor, signature, value);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return method;
                }
                // the first advice in the list is the outermost: its inliner sees the others' code as the method's
                for (Weaving weaving : weavings) {
                    if (weaving.methods.chooses(access, name, descriptor)) {
                        method = new AdviceInliner(method, version, owner, access, name, descriptor,
                                weaving.enter, weaving.exit, fields);
                        woven[0]++;
                    }
                }
                return method;
            }
        }, ClassReader.EXPAND_FRAMES);
        return woven[0] == 0 ? null : writer.toByteArray();
    }
}
